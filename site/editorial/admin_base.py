"""What every content admin shares: the markdown widget, locking, the workflow and the history.

The concrete admins are in articles/admin.py.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html
from markdownx.widgets import AdminMarkdownxWidget
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .forms import EditorialForm
from .history import revision_changes

# Kept from the stored row on every save: bookkeeping the form does not carry. A restore from
# the history would otherwise bring back an old sync fingerprint or an old sign-off.
CARRIED_OVER = ("created_at", "synced_fingerprint", *services.REVIEW_FIELDS)


class EditorialAdmin(SimpleHistoryAdmin):
    form = EditorialForm
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
        return form

    def save_model(self, request, obj, form, change):
        before = getattr(form, "stored", None)
        if before is not None:
            for name in CARRIED_OVER:
                if hasattr(before, name):
                    setattr(obj, name, getattr(before, name))
        # The form has checked this already; this is the backstop for every route here,
        # including django-simple-history's restore, which lets anyone who may read save.
        services.check_save(request.user, before, obj)
        services.apply_review(request.user, before, obj)
        super().save_model(request, obj, form, change)

    # -- history ------------------------------------------------------------------------------

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
        self.valid_id(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.valid_id(object_id, version_id)
        # django-simple-history lets anyone who may read save here; only readers get a 403.
        if request.method == "POST" and not services.can_write(request.user, self.model):
            raise PermissionDenied
        # A restore is a save like any other: one transaction, so the edit check can lock the row.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<path:object_id>/history/<int:history_id>/changes/",
                self.admin_site.admin_view(self.revision_changes_view),
                name=f"{prefix}_revision_changes",
            ),
            *super().get_urls(),
        ]

    def revision_changes_view(self, request, object_id, history_id):
        pk = self.valid_id(object_id, history_id)
        record = get_object_or_404(self.model.history.model, id=pk, history_id=history_id)
        if not self.has_view_or_change_permission(request, record.instance):
            raise PermissionDenied
        previous = record.prev_record
        prefix = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        context = {
            **self.admin_site.each_context(request),
            "title": f"Changes in this revision: {record.instance}",
            "opts": self.opts,
            "record": record,
            "previous": previous,
            "changes": revision_changes(self.model, previous, record),
            "history_url": reverse(f"{prefix}_history", args=[object_id]),
            "restore_url": reverse(f"{prefix}_simple_history", args=[object_id, history_id]),
            "can_restore": self.has_change_permission(request, record.instance),
        }
        return render(request, "editorial/revision_changes.html", context)


class WorkflowAdmin(EditorialAdmin):
    """For content with a status: submit-for-review and publish actions, a preview link."""

    actions = ["submit_selected_for_review", "publish_selected"]

    def has_publish_permission(self, request):
        return services.can_publish(request.user, self.model)

    @admin.action(description="Submit selected for review", permissions=["change"])
    def submit_selected_for_review(self, request, queryset):
        sent = sum(services.submit_for_review(item, request.user) for item in queryset)
        self.message_user(request, f"{sent} sent for review. Only drafts can be sent.", messages.SUCCESS)

    @admin.action(description="Approve and publish selected (clinical reviewers)", permissions=["publish"])
    def publish_selected(self, request, queryset):
        for item in queryset:
            services.publish(item, request.user)
        self.message_user(request, f"{len(queryset)} approved and published.", messages.SUCCESS)

    @admin.display(description="Preview")
    def preview_link(self, obj):
        if obj is None or obj.pk is None or not hasattr(obj, "body_html"):
            return "Save first to preview."
        # The preview shows the saved row, so it is found by the saved slug: the one on `obj`
        # may be what was just typed into a form that came back with errors.
        saved_slug = type(obj).objects.filter(pk=obj.pk).values_list("slug", flat=True).first()
        url = reverse("article_preview", args=[saved_slug])
        return format_html('<a href="{}" target="_blank">Open the page as the public would see it</a>', url)
