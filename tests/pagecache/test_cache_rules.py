"""What the page cache checks before it answers: the host, the browser's encodings, the cache itself."""

import gzip

import pytest

from pagecache.middleware import accepts_gzip
from tests.factories import ArticleFactory

ARTICLE = "/articles/an-article/"


@pytest.fixture(autouse=True)
def content(db):
    ArticleFactory(slug="an-article")


def test_a_cached_page_is_not_served_to_a_host_the_site_does_not_answer_to(client):
    for _ in range(3):
        assert client.get(ARTICLE).status_code == 200
    assert client.get(ARTICLE, HTTP_HOST="evil.example").status_code == 400
    assert client.get(ARTICLE, HTTP_HOST="evil.example", HTTP_IF_NONE_MATCH="*").status_code == 400


def test_a_refused_host_is_logged_as_one_warning_line(client, caplog):
    import logging

    with caplog.at_level(logging.WARNING):
        client.get(ARTICLE, HTTP_HOST="evil.example")
    (record,) = [r for r in caplog.records if r.name.startswith("django.security")]
    assert record.levelname == "WARNING" and record.exc_info is None
    assert "\n" not in record.getMessage()


@pytest.mark.parametrize(
    ("accept_encoding", "gzipped"),
    [
        ("gzip", True),
        ("gzip, deflate, br", True),
        ("gzip;q=0.5", True),
        ("gzip;q=0.001", True),
        ("GZIP", True),
        ("Gzip ; Q=1.0", True),
        ("x-gzip", True),
        ("*", True),
        ("br, *;q=0.1", True),
        ("gzip;q=0", False),
        ("gzip;q=0.000", False),
        ("gzip;q=0, identity", False),
        ("identity", False),
        ("br;q=1, *;q=0", False),
        ("gzip;q=0.5, identity;q=1", False),
        ("deflate", False),
        ("", False),
        ("gzip;q=nonsense", False),
        (",,;;=", False),
    ],
)
def test_it_reads_accept_encoding_as_the_http_standard_writes_it(accept_encoding, gzipped):
    assert accepts_gzip(accept_encoding) is gzipped


@pytest.mark.parametrize("accept_encoding", ["gzip;q=0.5", "GZIP"])
def test_a_browser_that_weighs_or_capitalises_gzip_gets_the_compressed_page(client, accept_encoding):
    plain = client.get(ARTICLE)
    zipped = client.get(ARTICLE, HTTP_ACCEPT_ENCODING=accept_encoding)
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
