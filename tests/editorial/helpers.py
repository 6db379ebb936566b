"""Helpers shared by the editorial tests."""

import json

from editorial.forms import version_token


def article_form(article, **changes):
    """The admin change form's POST data for `article`, as a browser would send it unchanged."""
    article.refresh_from_db()
    data = {
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "topic": str(article.topic_id),
        "order": str(article.order),
        "updated": article.updated.isoformat(),
        "body": article.body,
        "references": json.dumps(article.references),
        "related": json.dumps(article.related),
        "status": article.status,
        "version": version_token(article),
        "_save": "Save",
    }
    data.update(changes)
    return data


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"
