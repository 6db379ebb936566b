"""Tags for the page head: JSON-LD blocks and the absolute canonical address."""

import json

from django import template
from django.utils.safestring import mark_safe

from seo import structured_data

register = template.Library()

# The escapes json_script uses: no "</script>", "<!--" or "&" can end or confuse the block.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data) -> str:
    """A JSON-LD data block. Browsers never run it, so the CSP's script-src does not apply."""
    encoded = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{encoded}</script>')  # noqa: S308


@register.simple_tag
def website_json_ld():
    return json_ld(structured_data.website())


@register.simple_tag
def article_json_ld(article):
    return json_ld(structured_data.medical_web_page(article))


@register.simple_tag
def faq_json_ld(topics):
    """The FAQPage for the FAQ list, whose topics carry their published questions as `items`."""
    return json_ld(structured_data.faq_page([faq for topic in topics for faq in topic.items]))


@register.simple_tag
def topic_faq_json_ld(topic):
    """The FAQPage for a topic's page, whose topic carries its published questions."""
    return json_ld(structured_data.faq_page(topic.public_questions, topic.title, topic.get_absolute_url()))
