"""A client's bad request is one WARNING line in the log, never an ERROR with a traceback."""

import logging

import pytest

pytestmark = pytest.mark.django_db


def security_records(caplog):
    return [r for r in caplog.records if r.name.startswith("django.security")]


@pytest.mark.parametrize(
    ("send", "logger"),
    [
        (lambda c: c.post("/self-check/check/", {f"f{i}": "x" for i in range(250)}), "TooManyFieldsSent"),
        (lambda c: c.post("/self-check/check/", {"comment": "x" * 300_000}), "RequestDataTooBig"),
        (lambda c: c.get("/", HTTP_HOST="evil.example"), "DisallowedHost"),
    ],
    ids=["too many fields", "too big", "a foreign host"],
)
def test_client_errors_are_one_warning_line_without_a_traceback(client, caplog, send, logger):
    client.raise_request_exception = False
    with caplog.at_level(logging.INFO):
        response = send(client)
    assert response.status_code == 400
    (record,) = security_records(caplog)
    assert record.name == f"django.security.{logger}"
    assert record.levelno == logging.WARNING
    assert record.exc_info is None and record.exc_text is None


def test_the_configured_format_writes_such_a_record_on_one_line(client, caplog, settings):
    client.raise_request_exception = False
    with caplog.at_level(logging.INFO):
        client.post("/self-check/check/", {f"f{i}": "x" for i in range(250)})
    (record,) = security_records(caplog)
    formatter = logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"])
    line = formatter.format(record)
    assert "\n" not in line and line.split()[2] == "WARNING"
