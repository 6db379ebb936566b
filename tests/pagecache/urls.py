"""Pages that hold something of one visitor, to prove the cache never shares them."""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from pagecache.decorators import cached_page

calls = []


def page(template):
    @cached_page
    def view(request):
        calls.append(request.path)
        return HttpResponse(engines["django"].from_string(template).render({}, request))

    return view


@cached_page
def sets_a_cookie(request):
    calls.append(request.path)
    response = HttpResponse("hello")
    response.set_cookie("seen", "1")
    return response


@cached_page
def no_store(request):
    calls.append(request.path)
    response = HttpResponse("hello")
    response["Cache-Control"] = "no-store"
    return response


@cached_page
def varies_on_language(request):
    calls.append(request.path)
    response = HttpResponse("hello")
    response["Vary"] = "Accept-Language"
    return response


urlpatterns = [
    path("token/", page("<form method='post'>{% csrf_token %}</form>")),
    path("session/", page("{{ request.session.anything }}")),
    path("cookie/", sets_a_cookie),
    path("no-store/", no_store),
    path("language/", varies_on_language),
    path("plain/", page("the same for everyone")),
]
