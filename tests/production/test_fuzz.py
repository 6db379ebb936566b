"""Hostile input against every URL pattern and every form: nothing may answer 500.

The patterns are read from the URL configuration at test time, so a new page or form is
fuzzed without anyone adding it here.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.usefixtures("site_content")

# Field names the site's forms use, so fuzzed posts reach the validation code, not just the
# "unknown field" path; plus whatever hypothesis invents.
FORM_FIELDS = [
    "state", "step", "answers", "choice", "emergency", "urgent", "symptoms", "duration",
    "risk_factors", "age", "b12_result", "helpful", "comment", "page", "kind", "slug",
    "username", "password", "next", "q", "version", "action", "csrfmiddlewaretoken",
    "test", "value", "unit", "lab_low", "lab_high", "on_b12", "pregnant", "nerve", "key", "focus", "slot",
]  # fmt: skip
METHODS = ["GET", "POST", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"]

hostile_text = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["", "../../etc/passwd", "%00", "\x00", "\u202e", "😀" * 20, "<script>", "' OR 1=1 --"]),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=500, max_size=3000),
)


def url_patterns(resolvers=None, prefix=""):
    """Every route as (a path template with {} for each parameter, its parameter count)."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            template = prefix + route
            # path() converters <slug:x> and regex groups (?P<x>…) both become placeholders.
            template = re.sub(r"<[^>]+>", "{}", template)
            template = re.sub(r"\(\?P<\w+>[^)]*\)", "{}", template)
            template = template.lstrip("^").rstrip("$").replace("\\", "")
            yield "/" + template


ROUTES = sorted(set(url_patterns()))


def build_path(template, values):
    path = template
    for value in values:
        path = path.replace("{}", value.replace("/", "%2F").replace("?", "%3F").replace("#", "%23"), 1)
    return path


@pytest.fixture
def no_rate_limits(settings):
    settings.RATE_LIMITS = {}


def test_the_fuzzer_knows_the_sites_routes():
    assert "/articles/{}/" in ROUTES and "/faq/" in ROUTES and "/healthz" in ROUTES


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    template=st.sampled_from(ROUTES),
    values=st.lists(hostile_text, min_size=4, max_size=4),
    method=st.sampled_from(METHODS),
    query=st.dictionaries(st.sampled_from(FORM_FIELDS) | st.text(max_size=10), hostile_text, max_size=4),
    form=st.dictionaries(
        st.sampled_from(FORM_FIELDS) | st.text(max_size=10),
        hostile_text | st.lists(hostile_text, max_size=3),
        max_size=6,
    ),
)
def test_no_route_answers_500_to_hostile_input(client, no_rate_limits, template, values, method, query, form):
    client.raise_request_exception = False
    path = build_path(template, values)
    if method == "GET":
        response = client.get(path, query)
    elif method == "POST":
        response = client.post(path, form)
    else:
        response = client.generic(method, path, data="&".join(f"{k}={v}" for k, v in form.items()).encode())
    assert response.status_code < 500, f"{method} {path} -> {response.status_code}"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    template=st.sampled_from(ROUTES),
    body=st.binary(max_size=2000),
    content_type=st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            "application/json",
            "text/plain",
            "multipart/form-data",
            "application/octet-stream",
        ]
    ),  # fmt: skip
)
def test_no_route_answers_500_to_a_binary_body(client, no_rate_limits, template, body, content_type):
    client.raise_request_exception = False
    path = build_path(template, ["x"] * 4)
    response = client.generic("POST", path, data=body, content_type=content_type)
    assert response.status_code < 500, f"POST {path} ({content_type}) -> {response.status_code}"


@pytest.mark.parametrize("template", ROUTES)
def test_a_huge_post_gets_a_calm_4xx(client, no_rate_limits, template):
    client.raise_request_exception = False
    path = build_path(template, ["x"] * 4)
    response = client.post(path, {"comment": "x" * 3_000_000})
    assert response.status_code < 500, f"POST {path} -> {response.status_code}"


def test_too_many_fields_get_a_calm_400(client, no_rate_limits):
    client.raise_request_exception = False
    response = client.post("/admin/login/", {f"field{i}": "x" for i in range(5000)})
    assert response.status_code == 400
    assert "Something was wrong with that request" in response.content.decode()
