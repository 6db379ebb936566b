"""What every content admin shares: the markdown widget, locking, the workflow, the history.

Every write from here goes through articles.workflow.apply: the change and add forms and
their buttons, the list actions, a restore from the history (django-simple-history's view,
which lets anyone who may read it post), and any hand-made POST to any of them. A refused
move never reaches the database: the form comes back with the editor's text and the sentence
the workflow gave.
"""

import copy

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from articles import workflow
from articles.revisions import Revision, apply_data

from . import panels, preview_page
from .forms import EditorialForm
from .history import revision_changes


class EditorialAdmin(SimpleHistoryAdmin):
    form = EditorialForm
    change_form_template = "editorial/change_form.html"
    object_history_template = "editorial/object_history.html"
    object_history_list_template = "editorial/history_list.html"
    markdown_fields = ()

    class Media:
        css = {"all": ["editorial/admin.css"]}
        js = ["editorial/editor.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.markdown_fields:
            kwargs["widget"] = AdminMarkdownxWidget
        elif isinstance(db_field, models.JSONField):
            kwargs["widget"] = admin.widgets.AdminTextareaWidget(attrs={"rows": 6})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.current_user = request.user
        form.refusal = getattr(request, "workflow_refusal", "")
        return form

    def has_delete_permission(self, request, obj=None):
        # Content is archived, never deleted, and a delete would bypass the workflow: its
        # history, its changes and readers' feedback stay. Not even a superuser deletes here.
        return False

    def response_action(self, request, queryset, action_location=ActionLocation.CHANGE_LIST):
        # An action from the list this person is not offered (a hand-made POST) is refused with
        # the workflow's sentence, rather than Django's "No action selected".
        names = request.POST.getlist("action")
        index = request.POST.get("index", "0")
        name = names[int(index)] if index.isdigit() and int(index) < len(names) else ""
        if action_location == ActionLocation.CHANGE_LIST and name and name not in self.get_actions(request):
            self.message_user(request, self.not_offered(request, name), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset, action_location=action_location)

    def not_offered(self, request, name):
        move = getattr(getattr(self, name, None), "workflow_move", None)
        if move is not None and workflow.has_workflow(self.model):
            step = next(m for m in workflow.TRANSITIONS.values() if m.name == move)
            try:
                workflow.permit(request.user, self.model, step)
            except workflow.Refused as refused:
                return str(refused)
        return f"“{name}” is not something you can do to {self.opts.verbose_name_plural}."

    # -- saving: every route ends here ---------------------------------------------------------

    def save_model(self, request, obj, form, change):
        move = request.POST.get("_move") or ("edit" if change else "add")
        data = form.cleaned_data
        outcome = workflow.apply(
            request.user,
            obj,
            move,
            fields=obj.content_fields() if change else None,
            note=data.get("note") or "",
            go_live_at=data.get("go_live_at"),
            take_down_at=data.get("take_down_at"),
            version=data.get("version") if change else None,
        )
        request.workflow_outcome = outcome

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except workflow.Refused as refused:
            # Raised inside the admin's transaction, so nothing was written. Show the form again
            # with what the editor typed and the workflow's sentence as its error.
            request.workflow_refusal = str(refused)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_save(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._after_save(request, obj) or super().response_change(request, obj)

    def _after_save(self, request, obj):
        outcome = getattr(request, "workflow_outcome", None)
        if outcome is None:
            return None
        self.message_user(request, f"“{outcome.item}”: {outcome.message}", messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[outcome.item.pk])
        )

    # -- the working copy ----------------------------------------------------------------------

    def get_object(self, request, object_id, from_field=None):
        row = super().get_object(request, object_id, from_field)
        if row is None:
            return None
        change = workflow.open_change(row) if workflow.has_workflow(self.model) else None
        obj = workflow.working_copy(row, change)
        restore = request.GET.get("restore")
        if restore:
            obj = self.restored(row, obj, restore)
        # The form writes what was typed onto the working copy, which for an item with no
        # pending change is the row itself; the row kept beside it stays as stored, so what is
        # shown about the live page (its address, its state) never comes from a refused form.
        obj._row, obj._change = (copy.copy(row) if obj is row else row), change
        return obj

    def restored(self, row, obj, restore):
        """The working copy with an old version's fields in it: `page-<history id>` or `change-<history id>`."""
        kind, _, history_id = restore.partition("-")
        if not history_id.isdigit():
            raise Http404
        if kind == "page":
            record = get_object_or_404(self.model.history.model, id=row.pk, history_id=history_id)
            fields = record.instance.content_fields()
        elif kind == "change":
            record = get_object_or_404(
                Revision.history.model,
                history_id=history_id,
                content_type=ContentType.objects.get_for_model(self.model),
                object_id=row.pk,
            )
            fields = record.data
        else:
            raise Http404
        if workflow.has_workflow(self.model):
            fields = {k: v for k, v in fields.items() if k not in self.model.WORKFLOW_FIELDS}
        restored = apply_data(obj, fields)
        restored._restored_from = record
        return restored

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(panels.change_form_context(self, request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- history -------------------------------------------------------------------------------

    def valid_id(self, object_id, history_id=None):
        """The object's primary key, or a 404 for an address no object can have (`abc`)."""
        try:
            pk = self.model._meta.pk.to_python(unquote(object_id))
            if history_id is not None:
                int(history_id)
        except (ValidationError, ValueError, TypeError):
            raise Http404 from None
        return pk

    def history_view(self, request, object_id, extra_context=None):
        pk = self.valid_id(object_id)
        extra = {**(extra_context or {}), "change_records": panels.change_records(self.model, pk)}
        return super().history_view(request, object_id, extra)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        pk = self.valid_id(object_id, version_id)
        # django-simple-history lets anyone who may read an item post here.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            get_object_or_404(self.model.history.model, id=pk, history_id=version_id)
            url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[pk])
            return HttpResponseRedirect(f"{url}?restore=page-{version_id}")
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                return super().history_form_view(request, object_id, version_id, extra_context)
        except workflow.Refused as refused:
            self.message_user(request, str(refused), messages.ERROR)
            url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[pk])
            return HttpResponseRedirect(f"{url}?restore=page-{version_id}")

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/<int:history_id>/changes/",
                view(self.revision_changes_view),
                name=f"{prefix}_revision_changes",
            ),
            path(
                "<path:object_id>/changes/<int:history_id>/",
                view(self.change_record_view),
                name=f"{prefix}_change_record",
            ),
            path("add/preview/", view(self.preview_view), name=f"{prefix}_preview_new"),
            path("<path:object_id>/preview/", view(self.preview_view), name=f"{prefix}_preview"),
            *super().get_urls(),
        ]

    def revision_changes_view(self, request, object_id, history_id):
        pk = self.valid_id(object_id, history_id)
        record = get_object_or_404(self.model.history.model, id=pk, history_id=history_id)
        if not self.has_view_or_change_permission(request, record.instance):
            raise PermissionDenied
        previous = record.prev_record
        return self._changes_page(
            request,
            object_id,
            item=record.instance,
            record=record,
            previous=previous,
            changes=revision_changes(self.model, previous, record),
            restore=f"page-{history_id}",
        )

    def change_record_view(self, request, object_id, history_id):
        pk = self.valid_id(object_id, history_id)
        row = get_object_or_404(self.model, pk=pk)
        if not self.has_view_or_change_permission(request, row):
            raise PermissionDenied
        content_type = ContentType.objects.get_for_model(self.model)
        record = get_object_or_404(
            Revision.history.model, history_id=history_id, content_type=content_type, object_id=pk
        )
        previous = record.prev_record
        before = previous.data if previous else record.base_data
        names = list(record.data)
        return self._changes_page(
            request,
            object_id,
            item=row,
            record=record,
            previous=previous,
            changes=revision_changes(
                self.model,
                apply_data(row, before) if before else None,
                apply_data(row, record.data),
                names,
            ),
            restore=f"change-{history_id}",
        )

    def _changes_page(self, request, object_id, item, record, previous, changes, restore):
        prefix = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        context = {
            **self.admin_site.each_context(request),
            "title": f"Changes in this version: {item}",
            "opts": self.opts,
            "record": record,
            "previous": previous,
            "changes": changes,
            "history_url": reverse(f"{prefix}_history", args=[object_id]),
            "restore_url": reverse(f"{prefix}_change", args=[object_id]) + f"?restore={restore}",
            "can_restore": self.has_change_permission(request),
        }
        return render(request, "editorial/revision_changes.html", context)

    # -- preview -------------------------------------------------------------------------------

    def preview_view(self, request, object_id=None):
        return preview_page.preview(self, request, object_id)


class WorkflowAdmin(EditorialAdmin):
    """For clinical content: list actions for the workflow's moves, and the sign-off shown."""

    actions = ["submit_selected", "publish_selected", "take_down_selected"]

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user, self.model)

    def _apply_to_selected(self, request, queryset, move, done):
        moved = 0
        for item in queryset:
            try:
                workflow.apply(request.user, item, move)
            except workflow.Refused as refused:
                self.message_user(request, f"“{item}”: {refused}", messages.WARNING)
            else:
                moved += 1
        if moved:
            self.message_user(request, f"{moved} {done}.", messages.SUCCESS)

    @admin.action(description="Submit selected for review", permissions=["change"])
    def submit_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "submit", "sent for review")

    @admin.action(description="Approve and publish selected (clinical reviewers)", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "publish", "approved and published")

    @admin.action(description="Take down selected (clinical reviewers)", permissions=["publish"])
    def take_down_selected(self, request, queryset):
        self._apply_to_selected(request, queryset, "take_down", "taken down")

    submit_selected.workflow_move = "submit"
    publish_selected.workflow_move = "publish"
    take_down_selected.workflow_move = "take_down"
