"""Helpers shared by the editorial tests."""

import html
import json
import re

from articles import workflow


def version(item) -> str:
    """The version token the change form carries for `item` as it is stored now."""
    row = type(item)._default_manager.get(pk=item.pk)
    return workflow.version_of(row, workflow.open_change(row))


def working(item):
    row = type(item)._default_manager.get(pk=item.pk)
    return workflow.working_copy(row, workflow.open_change(row))


def article_form(article, move="edit", **changes):
    """The change form's POST data for `article` as a browser sends it unchanged, plus `changes`."""
    copy = working(article)
    data = {
        "title": copy.title,
        "slug": copy.slug,
        "summary": copy.summary,
        "topic": str(copy.topic_id),
        "order": str(copy.order),
        "updated": copy.updated.isoformat(),
        "body": copy.body,
        "references": json.dumps(copy.references),
        "related": json.dumps(copy.related),
        "version": version(article),
        "_move": move,
    }
    data.update(changes)
    return data


def change_url(item):
    return f"/admin/articles/{item._meta.model_name}/{item.pk}/change/"


def form_fields(client, url):
    """What the admin form at `url` submits as it stands (read as someone who may edit it)."""
    page = client.get(url).content.decode()
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if name and not (kind and kind.group(1) in ("submit", "checkbox", "radio", "file")):
            fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, value in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        fields[name] = html.unescape(value.removeprefix("\n"))
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        if selected:
            fields[name] = selected.group(1)
    return {k: v for k, v in fields.items() if not k.startswith("initial-") and k != "csrfmiddlewaretoken"}


def buttons(client, url):
    """The workflow buttons the change form at `url` offers: {move: label}."""
    page = client.get(url).content.decode()
    return dict(re.findall(r'<button type="submit" name="_move" value="([^"]+)"[^>]*>([^<]*)</button>', page))


def errors(response) -> str:
    return " ".join(
        re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    )
