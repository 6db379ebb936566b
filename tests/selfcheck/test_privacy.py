"""The answers in the hidden field are encrypted, expire, and count once per check."""

import base64
import binascii
import contextlib
import json
import re
import zlib

import pytest
from django.core.cache import cache

from selfcheck import progress as flow
from selfcheck.models import DailyCount
from tests.selfcheck.loaded import site_definition
from tests.selfcheck.walk import walk

CHECK = "/self-check/check/"
NOTHING_URGENT = [{"emergency": "none"}, {"urgent": "none"}]
# Answers a person would least like a stranger to read.
PRIVATE_PATH = [
    *NOTHING_URGENT,
    {"symptoms": ["mood"], "duration": "under_two_weeks", "other_signs": ["lump"]},
    {"risks": ["nitrous_oxide", "pregnancy"], "age": "under_16"},
]
PRIVATE_WORDS = ["nitrous", "pregnan", "under_16", "mood", "lump"]

pytestmark = pytest.mark.django_db


def every_decoding_of(token):
    """What anyone without the key could get out of a token: base64 and zlib of it and its parts."""
    pieces = [token, *re.split(r"[.:]", token)]
    found = []
    for piece in pieces:
        for candidate in (piece, piece.lstrip(".")):
            try:
                raw = base64.urlsafe_b64decode(candidate + "=" * (-len(candidate) % 4))
            except (binascii.Error, ValueError):
                continue
            found.append(raw)
            with contextlib.suppress(zlib.error):
                found.append(zlib.decompress(raw))
    return found


def test_the_answers_cannot_be_read_from_the_page_or_the_form(client):
    result = walk(client, PRIVATE_PATH)
    token = result.context["state"]
    html = result.content.decode()
    hidden = re.findall(r'name="state" value="([^"]+)"', html)

    assert hidden and set(hidden) == {token}
    for raw in every_decoding_of(token):
        for word in PRIVATE_WORDS:
            assert word.encode() not in raw.lower()


def test_the_token_is_not_djangos_readable_signed_format(client):
    from django.core import signing

    token = walk(client, PRIVATE_PATH).context["state"]

    with pytest.raises(signing.BadSignature):
        signing.loads(token, salt=flow.SALT)


def test_the_same_answers_give_a_different_token_each_time(client):
    first = walk(client, NOTHING_URGENT).context["state"]
    second = walk(client, NOTHING_URGENT).context["state"]

    assert first != second


def test_a_token_made_with_another_secret_key_is_refused(client, settings):
    token = client.get(CHECK).context["state"]
    settings.SECRET_KEY = "another-secret-key-entirely-" * 3

    response = client.post(CHECK, {"state": token, "emergency": "none"})

    assert response.context["step"].id == "emergency"
    assert "could not be read" in response.context["notice"]


def test_a_check_begun_before_a_key_rotation_still_finishes(client, settings):
    old = settings.SECRET_KEY
    token = client.get(CHECK).context["state"]
    settings.SECRET_KEY = "the-new-secret-key-after-rotation-" * 2
    settings.SECRET_KEY_FALLBACKS = [old]

    response = client.post(CHECK, {"state": token, "emergency": "none"})

    assert response.context["step"].id == "urgent"
    assert not response.context["notice"]


def test_an_expired_token_restarts_with_a_message_not_an_error(client, monkeypatch):
    token = client.get(CHECK).context["state"]
    monkeypatch.setattr(flow, "MAX_AGE", -1)

    response = client.post(CHECK, {"state": token, "emergency": "none"})

    assert response.status_code == 200
    assert "timed out" in response.context["notice"]


@pytest.mark.parametrize(
    "token",
    [
        "gAAAAA" + "A" * 100,
        "not base64 at all!!",
        "é" * 50,
        "\x00\x01",
        base64.urlsafe_b64encode(b"\x80" + b"\x00" * 60).decode(),
    ],
    ids=["fernet-like", "punctuation", "unicode", "control", "wrong-version"],
)
def test_a_hostile_token_restarts_the_check_with_a_message(client, token):
    response = client.post(CHECK, {"state": token, "emergency": "none"})

    assert response.status_code == 200
    assert response.context["step"].id == "emergency"
    assert "could not be read" in response.context["notice"]


def test_a_token_holding_something_other_than_json_is_refused(client):
    token = flow._fernet().encrypt(b"\xff not json").decode()

    response = client.post(CHECK, {"state": token, "emergency": "none"})

    assert "could not be read" in response.context["notice"]


def test_each_check_keeps_one_nonce_from_its_first_page_to_its_result(client):
    definition = site_definition()
    first = client.get(CHECK).context["state"]
    result = walk(client, [{"emergency": ["chest_pain"]}], start=client.get(CHECK))

    assert flow.unseal(definition, first).nonce != flow.unseal(definition, result.context["state"]).nonce
    chain = [client.get(CHECK)]
    for fields in [*NOTHING_URGENT]:
        chain.append(client.post(CHECK, {"state": chain[-1].context["state"], **fields}))
    nonces = {flow.unseal(definition, r.context["state"]).nonce for r in chain}
    assert len(nonces) == 1


# --- counting each check once -------------------------------------------------------------------


def test_a_finished_form_sent_again_is_counted_once(client):
    last_step = walk(client, NOTHING_URGENT + [{"symptoms": "none", "other_signs": "none"}])
    answers = {"state": last_step.context["state"], "risks": "none", "age": "from_16_to_64"}

    for _ in range(3):
        assert client.post(CHECK, answers).context["level"] == "information"

    assert DailyCount.objects.get().count == 1


def test_change_my_answers_then_continue_is_counted_once(client):
    result = walk(client, [{"emergency": ["fainting"]}])
    changed = client.post(CHECK, {"state": result.context["state"], "action": "change", "step": "emergency"})

    walk(client, [{"emergency": ["fainting", "chest_pain"]}], start=changed)

    assert [(r.level, r.count) for r in DailyCount.objects.all()] == [("emergency", 1)]


def test_a_finished_check_keeps_nothing_in_the_cache_but_its_nonce(client):
    result = walk(client, PRIVATE_PATH)
    nonce = flow.unseal(site_definition(), result.context["state"]).nonce

    assert cache.get(f"selfcheck-counted:{nonce}") == 1


def test_the_result_is_shown_and_counted_when_the_cache_is_down(client, monkeypatch, caplog, settings):
    def cache_down(*args, **kwargs):
        raise ConnectionError("the cache is down")

    # Only the self-check's own use of the cache is under test here (the rate limit has its own).
    settings.RATE_LIMITS = {}
    last_step = walk(client, [{"emergency": "none"}])
    monkeypatch.setattr(cache, "add", cache_down)
    monkeypatch.setattr(cache, "touch", cache_down)

    response = client.post(CHECK, {"state": last_step.context["state"], "urgent": ["fever_on_treatment"]})

    assert response.status_code == 200
    assert response.context["level"] == "act_now"
    assert DailyCount.objects.get().count == 1
    assert "without the repeat check" in caplog.text


def test_the_nonce_holds_no_answers():
    progress = flow.begin(site_definition())
    payload = json.dumps({"n": progress.nonce})

    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", progress.nonce)
    assert "emergency" not in payload
