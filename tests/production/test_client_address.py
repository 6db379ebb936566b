"""One answer to "who is asking", shared by the rate limits and the sign-in lockout.

X-Forwarded-For is believed only from the configured proxies, and only as many entries from
the right as there are proxies: everything further left is whatever the client wrote.
"""

import pytest
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth.models import User
from django.test import RequestFactory

from ratelimit.client import client_ip

PASSWORD = "a long and unusual passphrase 42"


def request_from(peer, forwarded=None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.fixture
def behind(settings):
    def configure(count, proxies=("127.0.0.1", "::1")):
        settings.TRUSTED_PROXY_COUNT = count
        settings.TRUSTED_PROXY_ADDRESSES = list(proxies)

    return configure


def test_without_a_proxy_the_header_is_ignored(behind):
    behind(0)
    assert client_ip(request_from("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


def test_behind_one_proxy_the_entry_it_added_is_the_client(behind):
    behind(1)
    assert client_ip(request_from("127.0.0.1", "forged, 198.51.100.1")) == "198.51.100.1"


def test_behind_a_cdn_and_nginx_the_second_entry_from_the_right_is_the_client(behind):
    behind(2, proxies=["10.0.0.0/8"])
    assert client_ip(request_from("10.0.0.7", "forged, 198.51.100.1, 192.0.2.50")) == "198.51.100.1"


def test_a_request_that_reaches_the_server_directly_cannot_choose_its_address(behind):
    behind(1)
    assert client_ip(request_from("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


@pytest.mark.parametrize("forwarded", ["", " , ", "not-an-address", "999.1.1.1"])
def test_an_empty_or_garbled_header_falls_back_to_the_peer(behind, forwarded):
    behind(1)
    assert client_ip(request_from("127.0.0.1", forwarded)) == "127.0.0.1"


def test_any_peer_may_be_trusted_where_the_network_guarantees_it(behind):
    behind(1, proxies=["*"])
    assert client_ip(request_from("203.0.113.5", "198.51.100.1")) == "198.51.100.1"


def test_the_lockout_uses_the_same_address_as_the_rate_limits(behind):
    behind(1)
    request = request_from("127.0.0.1", "forged, 198.51.100.1")
    assert settings.AXES_CLIENT_IP_CALLABLE == "ratelimit.client.client_ip"
    assert get_client_ip_address(request) == client_ip(request) == "198.51.100.1"


@pytest.mark.django_db
def test_a_fresh_forwarded_address_on_each_guess_does_not_escape_the_lockout(client, behind, settings):
    # Given an instance reached directly (not through its proxy), told there is one proxy
    behind(1)
    User.objects.create_user("rita", password=PASSWORD, is_staff=True)
    # When someone guesses with a new X-Forwarded-For each time
    for i in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/",
            {"username": "rita", "password": f"guess-{i}"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}",
        )
    # Then they are locked out all the same, even with the right password
    response = client.post(
        "/admin/login/",
        {"username": "rita", "password": PASSWORD},
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    assert response.status_code == 429
