"""The self-check pages: a start page, then one address that every step posts to, and the
page that publishes the cases the check is tested against.

The same views serve other mounts (the kiosk) with another base template: `base_template`
comes from the URL conf, and every link is reversed in the namespace the request came in on.
Answers travel only in the encrypted hidden field (see progress.py) and in POST bodies.
"""

import logging

from django.apps import apps
from django.core.cache import cache
from django.db import DatabaseError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from common import overlay
from pagecache.decorators import cached_page
from selfcheck import languages
from selfcheck import progress as flow
from selfcheck.forms import StepForm
from selfcheck.models import DailyCount
from selfcheck.presenters import cases_page, result_page, step_page

logger = logging.getLogger(__name__)


@cached_page  # the same for everyone: nothing is asked until the next page
def start(request, base_template="base.html"):
    context = {
        **_common(request, base_template),
        "total_steps": len(_definition().steps) + 1,
        "case_count": len(apps.get_app_config("selfcheck").cases.cases),
    }
    return render(request, "selfcheck/start.html", context)


@cached_page
def how_we_test(request, base_template="base.html"):
    here = languages.for_language(get_language())
    context = {
        **_common(request, base_template),
        **cases_page(here.cases_definition, here.cases),
        "translation_note": overlay.note(here.translation, here.cases_translation),
    }
    return render(request, "selfcheck/how_we_test.html", context)


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def check(request, base_template="base.html"):
    definition = _definition()
    if request.method == "GET":
        # Always a fresh start: nothing in an address can carry answers or reach a result.
        return _show_step(request, base_template, flow.begin(definition))
    try:
        progress = flow.unseal(definition, request.POST.get("state"))
        action = request.POST.get("action", "next")
        if action == "back":
            progress = flow.back(definition, progress)
            if progress is None:
                return redirect(_url(request, "start"))
            return _show_step(request, base_template, progress)
        if action == "change":
            return _show_step(request, base_template, flow.go_to(progress, request.POST.get("step")))
    except flow.BadProgress as problem:
        return _show_step(request, base_template, flow.begin(definition), notice=gettext(str(problem)))
    if progress.at == flow.RESULT:
        return _show_result(request, base_template, progress)
    step = definition.step(progress.at)
    form = StepForm(step, request.POST)
    if not form.is_valid():
        return _show_step(request, base_template, progress, form=form)
    progress = flow.advance(definition, progress, form.answers())
    if progress.at == flow.RESULT:
        _count(flow.outcome(definition, progress).level, progress.nonce)
        return _show_result(request, base_template, progress)
    return _show_step(request, base_template, progress)


def _show_step(request, base_template, progress, form=None, notice=""):
    definition = _definition()
    step = definition.step(progress.at)
    if form is None:
        form = StepForm(step, answers=progress.answers.get(step.id))
    context = {
        **_common(request, base_template),
        **step_page(definition, step, form),
        "state": flow.seal(definition, progress),
        "notice": notice,
    }
    return render(request, "selfcheck/step.html", context)


def _show_result(request, base_template, progress):
    definition = _definition()
    outcome = flow.outcome(definition, progress)
    context = {
        **_common(request, base_template),
        **result_page(definition, progress, outcome),
        "state": flow.seal(definition, progress),
    }
    return render(request, "selfcheck/result.html", context)


def _count(level, nonce):
    """Add the result to today's count, once per check: a form sent again, or a result
    reached again after "change my answers", carries the same nonce and is not counted."""
    if not _first_time(f"selfcheck-counted:{nonce}"):
        return
    try:
        DailyCount.record(level)
    except DatabaseError:
        # The count is for editors; the result is for someone who may need help now.
        logger.warning("Self-check result count not recorded: the database is unavailable")


def _first_time(key) -> bool:
    """Whether this check's result is reaching the count for the first time.

    The cache is a cache: without it (an error, or a fail-soft cache that answers "not added"
    while Redis is away) a resent form may be counted twice, which is better than a result
    that fails to show or is never counted at all.
    """
    try:
        if cache.add(key, 1, flow.MAX_AGE):
            return True
        if not getattr(cache, "is_down", False):
            cache.touch(key, flow.MAX_AGE)
            return False
    except Exception:  # noqa: S110 (logged below)
        pass
    logger.warning("Self-check result counted without the repeat check: the cache is unavailable")
    return True


def _common(request, base_template):
    return {
        "base_template": base_template,
        "start_url": _url(request, "start"),
        "check_url": _url(request, "check"),
        "how_we_test_url": _url(request, "how-we-test"),
        # The rules' sign-off, shown on the start and result pages as articles show theirs.
        "review": _definition(),
        # Whether the words are a translation still to be signed off, or the English standing in.
        "translation_note": overlay.note(languages.for_language(get_language()).translation),
    }


def _url(request, name):
    namespace = request.resolver_match.namespace or "selfcheck"
    return reverse(f"{namespace}:{name}")


def _definition():
    """The check in the active language: the same rules in every language, only the words differ."""
    return languages.definition_for(get_language())
