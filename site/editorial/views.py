"""The editors' endpoints: live preview, image upload, the review dashboard, media.

The preview and upload endpoints answer the markdownx widget, which posts with the CSRF token
as a form field. They check who is asking and how big the request is before the body is read,
then check CSRF themselves, so a 40 MB post is refused with a sentence rather than parsed.
"""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.static import serve

from articles.models import Article

from . import access, dashboard
from .preview import markdownify as render_preview
from .uploads import UploadRejected, max_size_sentence, store_image

# Room for the multipart boundaries and the CSRF field around the image itself.
MULTIPART_OVERHEAD = 64 * 1024
PREVIEW_TOO_LONG = "The text is too long to preview. Split it into shorter articles."


def refuse(message, status, as_json):
    if as_json:
        return JsonResponse({"error": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _csrf_failure(request):
    """The CSRF check the middleware would have made, once the request is known to be small."""
    return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})


def editor_endpoint(max_bytes, too_large, as_json=False):
    """Only signed-in staff who may edit content; a size limit checked before the body is read.

    `max_bytes` and `too_large` are called per request so tests can change the settings.
    """

    def decorate(view):
        @csrf_exempt  # checked below, after the cheaper checks
        @require_POST
        @never_cache
        @wraps(view)
        def wrapped(request):
            if not (request.user.is_authenticated and access.can_edit_content(request.user)):
                return refuse("Sign in to the admin as an editor to use this.", 403, as_json)
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > max_bytes():
                return refuse(too_large(), 413, as_json)
            try:
                failure = _csrf_failure(request)
                if failure is not None:
                    return refuse("The page had expired. Reload it and try again.", 403, as_json)
                return view(request)
            except RequestDataTooBig:
                return refuse(too_large(), 413, as_json)

        return wrapped

    return decorate


@editor_endpoint(lambda: settings.DATA_UPLOAD_MAX_MEMORY_SIZE, lambda: PREVIEW_TOO_LONG)
def markdownify(request):
    html = render_preview(request.POST.get("content", ""))
    return HttpResponse(html, content_type="text/html; charset=utf-8")


@editor_endpoint(
    lambda: settings.EDITOR_UPLOAD_MAX_BYTES + MULTIPART_OVERHEAD,
    lambda: f"The file is too large. {max_size_sentence()}",
    as_json=True,
)
def upload(request):
    image = request.FILES.get("image")
    if image is None:
        return refuse("Choose a PNG, JPEG or WebP image to upload.", 400, as_json=True)
    try:
        url = store_image(image)
    except UploadRejected as rejected:
        return refuse(rejected.message, rejected.status, as_json=True)
    # The alt text is a prompt the reviewer will see in the preview if it is left in.
    return JsonResponse({"image_code": f"![Describe this image]({url})"})


@never_cache
def article_preview(request, slug):
    """The old address of an article's preview: on to the admin's side-by-side preview (staff only)."""
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
        raise Http404
    article = get_object_or_404(Article.objects.in_language(), slug=slug)
    return redirect(reverse("admin:articles_article_preview", args=[article.pk]))


def review_dashboard(request):
    context = {
        **admin.site.each_context(request),
        "title": "Review dashboard",
        "dashboard": dashboard.build(),
        "interval_months": settings.REVIEW_INTERVAL_MONTHS,
        "rows_shown": dashboard.ROWS_SHOWN,
        "rows_slice": f":{dashboard.ROWS_SHOWN}",
    }
    return render(request, "editorial/dashboard.html", context)


def media(request, path):
    """Uploaded images in development. The URL pattern admits only names the upload view makes."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
