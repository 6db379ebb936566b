"""schema.org descriptions of pages, as plain dicts ready for JSON-LD.

Only facts the page itself shows go in: `lastReviewed` and `reviewedBy` appear only when a
clinical reviewer really signed the article off, never as a guess.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext, pgettext

from common.html import plain_text


def language_tag() -> str:
    """The active language's tag, as the page's <html lang> gives it."""
    return pgettext("the language tag of a page's html element", "en-GB")


CONTEXT = "https://schema.org"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def website() -> dict:
    """The site, with the search box that search engines may offer next to it."""
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": absolute("/"),
        "inLanguage": language_tag(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": absolute(reverse("search:results")) + "?q={q}"},
            "query-input": "required name=q",
        },
    }


def medical_web_page(article) -> dict:
    data = {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "url": absolute(article.get_absolute_url()),
        "dateModified": article.updated.isoformat(),
        "inLanguage": language_tag(),
        "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
        "isPartOf": {"@type": "WebSite", "name": settings.SITE_NAME, "url": absolute("/")},
    }
    if article.last_reviewed and article.reviewed_by:
        data["lastReviewed"] = article.last_reviewed.isoformat()
        data["reviewedBy"] = {"@type": "Person", "name": article.reviewed_by}
    return data


def faq_page(faqs, name=None, path=None) -> dict:
    """The questions answered on one page: /faq/, or a topic's page (its `name` and `path`).

    Each question's address is its place on that page, `<path>#<slug>`.
    """
    path = path or reverse("articles:faq")
    return {
        "@context": CONTEXT,
        "@type": "FAQPage",
        "name": name or gettext("Common questions"),
        "url": absolute(path),
        "inLanguage": language_tag(),
        "mainEntity": [
            {
                "@type": "Question",
                "name": faq.question,
                "url": absolute(f"{path}#{faq.slug}"),
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(faq.answer_html)},
            }
            for faq in faqs
        ],
    }
