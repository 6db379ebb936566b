"""The side-by-side preview: the live page and the working copy, each in the public template.

The change form's Preview button posts the form as it stands (a submit button with
`formaction` and `formtarget`, so it needs no JavaScript); a GET shows the saved working
copy. Each version is rendered by the public template and shown in a sandboxed `srcdoc`
frame: exactly what the public would get, with no script running and no request of its own.
Below come a line diff of the fields and the checklist. Staff only, and never cached.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control

from articles import checklist, workflow
from articles.models import FAQ, Article, Page
from articles.states import Status
from common import languages

from .history import revision_changes


@dataclass
class TopicWithItems:
    """What the public questions page loops over, holding only the question previewed."""

    slug: str
    title: str
    items: list


def public_page(request, item, banner) -> str:
    """`item` rendered by its public template, as the public would get it (plus a banner)."""
    if isinstance(item, Article):
        template, context = "articles/article_detail.html", {"article": item}
    elif isinstance(item, FAQ):
        topic = TopicWithItems(item.topic.slug, item.topic.title, [item])
        template, context = "articles/faq_list.html", {"topics": [topic], "open_question": item.slug}
    elif isinstance(item, Page):
        template, context = "articles/page_detail.html", {"page": item}
    else:
        raise Http404
    # A translation is previewed as its readers get it: the interface in its language too.
    with translation.override(languages.django_code(item.language)):
        return render_to_string(template, {**context, "preview": banner}, request=request)


def _from_form(model_admin, request, obj):
    """The unsaved item the posted form describes, and the form's problems to show beside it."""
    form_class = model_admin.get_form(request, obj, change=obj is not None)
    form = form_class(request.POST, instance=obj if obj is not None else model_admin.model())
    form.is_valid()
    problems = [
        f"{form.fields[name].label if name in form.fields else 'The form'}: {' '.join(errors)}"
        for name, errors in form.errors.items()
        if name != "__all__"
    ]
    return form.instance, problems


def preview(model_admin, request, object_id=None):
    model = model_admin.model
    if object_id is not None:
        obj = model_admin.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not model_admin.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        row = obj._row
    else:
        if not model_admin.has_add_permission(request):
            raise PermissionDenied
        obj = row = None
    if request.method == "POST":
        item, problems = _from_form(model_admin, request, obj)
    elif obj is not None:
        item, problems = obj, []
    else:
        raise Http404
    if getattr(item, "topic_id", True) is None:
        problems.append("Choose a topic to see the page.")
        item = None
    live = row if row is not None and row.status == Status.PUBLISHED else None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"Preview: {item or row or model._meta.verbose_name}",
        "opts": model._meta,
        "problems": problems,
        "live": live,
        "row": row,
        "status": workflow.describe(row, obj._change if obj is not None else None)
        if row
        else "it is not saved yet",
        "change_url": reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[row.pk])
        if row
        else "",
    }
    if item is not None:
        item.normalise_text()
        item.render()
        before = live or (row if request.method == "POST" else None)
        context.update(
            item=item,
            pending_html=public_page(request, item, "Preview: the page as it would be published."),
            live_html=public_page(request, live, "The live page, as the public sees it now.") if live else "",
            changes=revision_changes(model, before, item, names=item.editable_fields()) if before else [],
            compared_with="the live page" if live else "the saved draft",
            checks=checklist.run(item),
        )
    response = render(request, "editorial/preview.html", context)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
