"""The explainer: one address that shows the form (GET) and answers it (POST).

The same view serves the kiosk, with its base template and the on-screen keypad (the kiosk
has no keyboard): `base_template` and `kiosk` come from the URL conf, and every link and form is reversed in
the namespace the request came in on. What a person types travels only in POST bodies: a GET
always shows an empty form, answers are never cached (`never_cache` sends no-store, and the
page cache only stores views marked `@cached_page`) and nothing of them is logged.
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from common import overlay
from explainer import keypad as keys
from explainer import languages
from explainer.forms import VALUE, ResultForm
from explainer.presenters import form_page, keypad_page, result_page


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def explain(request, base_template="base.html", kiosk=False):
    if request.method == "GET":
        # Never read from the address: a link cannot fill in, or reach, anyone's result.
        return _show_form(request, base_template, kiosk, ResultForm(), show_errors=False)
    if kiosk:
        state = keys.apply(request.POST)
        data, slot, action = state.data, state.slot, state.action
    else:
        data, slot, action = request.POST, VALUE, request.POST.get("action", keys.EXPLAIN)
    if action != keys.EXPLAIN:
        # A key, a box to type into, or "Change what I entered": the form again, no problems yet.
        return _show_form(request, base_template, kiosk, ResultForm(data), show_errors=False, slot=slot)
    explainer = _explainer()
    form = ResultForm(data, explainer=explainer)
    if not form.is_valid():
        return _show_form(request, base_template, kiosk, form, show_errors=True, slot=slot)
    context = {
        **_common(request, base_template, kiosk),
        **result_page(explainer, explainer.read(form.entry()), form.flags()),
    }
    return render(request, "explainer/result.html", context)


def _show_form(request, base_template, kiosk, form, show_errors, slot=VALUE):
    page = keypad_page(form, show_errors, slot) if kiosk else form_page(form, show_errors)
    return render(request, "explainer/start.html", {**_common(request, base_template, kiosk), **page})


def _common(request, base_template, kiosk):
    namespace = request.resolver_match.namespace or "explainer"
    return {
        "base_template": base_template,
        "kiosk": kiosk,
        "form_url": reverse(f"{namespace}:start"),
        # Its texts' sign-off, shown under the form as under a result, as the self-check does.
        "review": _explainer(),
        # Whether the words are a translation still to be signed off, or the English standing in.
        "translation_note": overlay.note(languages.for_language(get_language())[1]),
    }


def _explainer():
    """The explainer in the active language: the same bands and numbers, only the words differ."""
    return languages.explainer_for(get_language())
