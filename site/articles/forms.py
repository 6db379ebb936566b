"""The rules an article, question, page or topic is held to, wherever it is written.

The admin's forms (editorial.forms) and the content files (articles.content_files) both
validate with these ModelForms, so the slug, the lengths, the dates, the sources and the
markdown limits come from the model fields and are written once. What only a whole folder
can check (a slug used twice, a topic or related article that does not exist) is the
reader's; what only the database can check (another row's slug) is the admin's.
"""

from django import forms
from django.core.exceptions import ValidationError

from common.datafile import review_fields_problem

from . import references, sources
from .models import FAQ, Article, Page, Topic
from .rendering import render_markdown
from .states import FILE_STATUSES, Status

REVIEW_FIELDS = ["last_reviewed", "next_review_due", "reviewed_by"]


class ContentForm(forms.ModelForm):
    # Fields holding markdown: each must render, or the save is refused with the renderer's
    # sentence (articles.rendering.markdown_problem) rather than stored as plain text.
    markdown_fields = ()

    def __init__(self, *args, known_sources=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_sources = known_sources

    def clean(self):
        cleaned = super().clean()
        for name in self.markdown_fields:
            if name in self.fields and cleaned.get(name):
                problem = render_markdown(cleaned[name]).problem
                if problem:
                    self.add_error(name, problem)
        return cleaned

    def clean_references(self):
        """Sources are cited by id from content/references.yaml, each once."""
        known = self.known_sources if self.known_sources is not None else sources.catalogue()
        try:
            return references.check_ids(self.cleaned_data.get("references"), known)
        except references.ReferencesError as problem:
            raise ValidationError(f"{problem}.", code="references") from None

    def clean_related(self):
        related = self.cleaned_data.get("related") or []
        if not isinstance(related, list) or not all(isinstance(slug, str) for slug in related):
            raise ValidationError('Write a list of article slugs: ["high-b12-levels", …]', code="related")
        return related


class ArticleForm(ContentForm):
    markdown_fields = ("body",)

    class Meta:
        model = Article
        fields = ["title", "slug", "summary", "topic", "order", "updated", "body", "references", "related"]


class FAQForm(ContentForm):
    markdown_fields = ("answer",)

    class Meta:
        model = FAQ
        fields = ["question", "slug", "topic", "order", "answer", "references"]


class PageForm(ContentForm):
    markdown_fields = ("body",)

    class Meta:
        model = Page
        fields = ["title", "slug", "summary", "updated", "body"]


class TopicForm(ContentForm):
    class Meta:
        model = Topic
        fields = ["title", "slug", "description", "order"]


FORMS = {Article: ArticleForm, FAQ: FAQForm, Page: PageForm, Topic: TopicForm}


class FileFields(forms.Form):
    """What a content file holds beyond the admin's form: the status and a reviewer's sign-off.

    The topic is a slug here, checked against topics.yaml by the reader; slugs are unique
    across the folder, which the reader checks too, so the database is never asked.
    """

    status = forms.ChoiceField(choices=[(s, s) for s in FILE_STATUSES], required=False)
    topic = forms.CharField(max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                # Files write dates one way only, whatever the admin's language accepts.
                field.input_formats = ["%Y-%m-%d"]

    def clean_status(self):
        return self.cleaned_data.get("status") or Status.DRAFT

    def clean(self):
        cleaned = super().clean()
        if "reviewed_by" in self.fields:
            problem = review_fields_problem(
                cleaned.get("reviewed_by") or "", cleaned.get("last_reviewed"), cleaned.get("next_review_due")
            )
            if problem:
                name, _, message = problem.partition(": ")
                self.add_error(name.split(" and ")[0], message)
        return cleaned

    def validate_unique(self):
        pass


def file_form(model):
    """The form a content file of this kind is checked with: the admin's, plus the file's own fields."""
    base = FORMS[model]
    names = [name for name in base._meta.fields if name != "topic"]
    attrs = {
        "Meta": type(
            "Meta",
            (),
            {
                "model": model,
                "fields": names
                + (REVIEW_FIELDS + list(model.TRANSLATION_FIELDS) if model is not Topic else []),
            },
        )
    }
    if model is Topic:
        attrs["status"] = attrs["topic"] = None  # a topic has neither
    elif not any(field.name == "topic" for field in model._meta.fields):
        attrs["topic"] = None
    return type(f"{model.__name__}FileForm", (FileFields, base), attrs)
