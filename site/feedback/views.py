"""'Was this page helpful?': post, then a thank-you page (post/redirect/get, no JavaScript needed).

Posts under /feedback/ are rate-limited per client by config.middleware.RateLimitMiddleware,
and protected from cross-site forgery by feedback.csrf (no token, so pages stay cacheable).
"""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from . import services
from .csrf import same_origin_only
from .forms import FeedbackForm


@same_origin_only
@require_POST
def give(request, kind, slug):
    target = services.published_target(kind, slug)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return render(
            request, "feedback/retry.html", {"form": form, "target": target, "kind": kind}, status=400
        )
    services.record(target, form.cleaned_data["helpful"], form.cleaned_data["comment"])
    return redirect("feedback:thanks", kind=kind, slug=slug)


@require_GET
def thanks(request, kind, slug):
    target = services.published_target(kind, slug)
    return render(request, "feedback/thanks.html", {"target": target})
