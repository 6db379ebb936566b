"""The admin form every content item is edited with: no lost edits, no unreviewed publishing.

Optimistic locking: the form carries the version (the row's `modified_at`) it was opened at.
If the row has changed since, the save is refused and the form comes back with the editor's
own text in it and a sentence saying what happened; saving again then replaces the other
version on purpose, and that version stays in the history either way.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from articles import references, sources
from articles.rendering import render_markdown

from . import services

# The markdown fields of the content models: each must render, or the save is refused with
# the renderer's sentence (articles.rendering.markdown_problem) rather than stored as plain text.
MARKDOWN_FIELDS = ("body", "answer")


def version_token(row) -> str:
    return row.modified_at.isoformat() if row.modified_at else ""


class EditorialForm(forms.ModelForm):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    # Set by the admin on the form class it builds for each request.
    current_user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored row, not `self.instance`: a restore from the history passes an old revision.
        self.stored = self._stored_row()
        if self.stored is not None:
            self.fields["version"].initial = version_token(self.stored)
        if "status" in self.fields and self.current_user is not None:
            current = self.stored.status if self.stored is not None else None
            self.fields["status"].choices = services.status_choices(
                self.current_user, self._meta.model, current
            )

    def _stored_row(self, lock=False):
        if self.instance.pk is None:
            return None
        rows = self._meta.model._default_manager.all()
        if lock and transaction.get_connection(rows.db).in_atomic_block:
            # Held until the admin's transaction commits, on databases that can lock a row.
            rows = rows.select_for_update()
        return rows.filter(pk=self.instance.pk).first()

    def clean(self):
        cleaned = super().clean()
        for name in MARKDOWN_FIELDS:
            if name in self.fields and cleaned.get(name):
                problem = render_markdown(cleaned[name]).problem
                if problem:
                    self.add_error(name, problem)
        stored = self._stored_row(lock=True)
        if stored is not None and cleaned.get("version") != version_token(stored):
            self.stored = stored
            # The next save is a deliberate choice to replace the other version.
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = version_token(stored)
            raise ValidationError(self.conflict_message(stored), code="conflict")
        self.stored = stored
        return cleaned

    def conflict_message(self, stored):
        name = self._meta.model._meta.verbose_name
        latest = stored.history.first()
        who = (latest.history_user.get_username() if latest and latest.history_user else None) or "someone"
        when = timezone.localtime(stored.modified_at).strftime("%H:%M on %d %B")
        history_url = reverse(
            f"admin:{stored._meta.app_label}_{stored._meta.model_name}_history", args=[stored.pk]
        )
        return format_html(
            "This {name} changed since you opened it: {who} saved it at {when}. Your text is below and "
            'has not been saved. Compare it with <a href="{url}" target="_blank">their version in the '
            "history</a> and copy over anything of theirs you want to keep. Saving again replaces "
            "their version with yours (theirs stays in the history).",
            name=name,
            who=who,
            when=when,
            url=history_url,
        )

    def clean_references(self):
        """Articles and FAQs cite sources by id: the same check as the content sync makes."""
        try:
            return references.check_ids(self.cleaned_data.get("references"), sources.catalogue())
        except references.ReferencesError as problem:
            raise ValidationError(f"Sources: {problem}.") from None

    def _post_clean(self):
        super()._post_clean()
        if self.current_user is None or self.errors:
            return
        try:
            services.check_save(self.current_user, self.stored, self.instance)
        except PermissionDenied as refused:
            self.add_error("status" if "status" in self.fields else None, str(refused))


class ArticleForm(EditorialForm):
    def clean_related(self):
        related = self.cleaned_data.get("related") or []
        if not isinstance(related, list) or not all(isinstance(slug, str) for slug in related):
            raise ValidationError('Write a list of article slugs: ["high-b12-levels", …]')
        missing = set(related) - set(
            self._meta.model.objects.filter(slug__in=related).values_list("slug", flat=True)
        )
        if missing:
            raise ValidationError(f"No article has the slug {', '.join(sorted(missing))}.")
        return related
