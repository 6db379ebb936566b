"""The admin's forms: the content rules (articles.forms), no lost edits, and a reviewer's decision.

Optimistic locking: the form carries the version of the working copy it was opened at (the
open change, or the row when there is none). If someone saved it, or moved it on, since,
the save is refused and the form comes back with the editor's own text in it and a
sentence saying who and when; saving again then replaces the other version on purpose,
and that version stays in the history either way.

A move the workflow refuses (articles.workflow.Refused) is shown the same way: the admin
runs the form again with the refusal as its error, so the typed text is never lost.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.urls import reverse
from django.utils.html import format_html

from articles import forms as content_forms
from articles import workflow
from articles.models import Article


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        return value.strftime("%Y-%m-%dT%H:%M") if hasattr(value, "strftime") else value


class EditorialForm(forms.ModelForm):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        label="Reason for the editor",
        help_text="Needed to send a change back; the editor sees it beside their text and in the history.",
    )
    go_live_at = forms.DateTimeField(
        required=False,
        widget=DateTimeInput,
        label="Go live at",
        help_text="Leave empty to publish on approval.",
    )
    take_down_at = forms.DateTimeField(
        required=False, widget=DateTimeInput, label="Take down at", help_text="Leave empty to keep it up."
    )
    # Set by the admin on the form class it builds for each request.
    current_user = None
    refusal = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.row, self.change = self._stored()
        if self.row is not None:
            self.fields["version"].initial = workflow.version_of(self.row, self.change)

    def _stored(self, lock=False):
        """The row and its open change as stored (a restore passes an old version as the instance)."""
        if self.instance.pk is None:
            return None, None
        if lock and transaction.get_connection(router.db_for_write(self._meta.model)).in_atomic_block:
            # Held until the admin's transaction commits, on databases that can lock a row.
            try:
                return workflow.locked(self.instance)
            except workflow.Refused:
                return None, None
        row = self._meta.model._default_manager.filter(pk=self.instance.pk).first()
        change = workflow.open_change(row) if workflow.has_workflow(self._meta.model) else None
        return row, change

    def clean(self):
        cleaned = super().clean()
        if self.refusal:
            raise ValidationError(self.refusal, code="refused")
        row, change = self._stored(lock=True)
        if row is not None and cleaned.get("version") != workflow.version_of(row, change):
            self.row, self.change = row, change
            # The next save is a deliberate choice to replace the other version.
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = workflow.version_of(row, change)
            raise ValidationError(self.conflict_message(row, change), code="conflict")
        self.row, self.change = row, change
        return cleaned

    def conflict_message(self, row, change):
        history_url = reverse(f"admin:{row._meta.app_label}_{row._meta.model_name}_history", args=[row.pk])
        return format_html(
            "{sentence} Your text is below and has not been saved. Compare it with "
            '<a href="{url}" target="_blank">their version in the history</a> and copy over anything of '
            "theirs you want to keep. Saving again replaces their version with yours (theirs stays in "
            "the history).",
            sentence=workflow.conflict_sentence(row, change),
            url=history_url,
        )


class ArticleAdminForm(EditorialForm, content_forms.ArticleForm):
    def clean_related(self):
        related = super().clean_related()
        articles = Article.objects.in_language(self.instance.language).filter(slug__in=related)
        missing = set(related) - set(articles.values_list("slug", flat=True))
        if missing:
            raise ValidationError(f"No article has the slug {', '.join(sorted(missing))}.")
        return related


class FAQAdminForm(EditorialForm, content_forms.FAQForm):
    pass


class PageAdminForm(EditorialForm, content_forms.PageForm):
    pass


class TopicAdminForm(EditorialForm, content_forms.TopicForm):
    pass
