"""The reviewable data files' sign-off: read with their loaders, shown on their public pages the
way articles show theirs, and listed for the dashboard."""

import pytest
from django.apps import apps

from articles import signoff
from selfcheck import cases as case_file

pytestmark = pytest.mark.django_db

HEAD = "updated: 2026-11-22\nstatus: Awaiting sign-off.\ndefaults: {age: from_16_to_64}\n"
CASES = (
    "groups:\n  - id: g\n    title: G\n    cases:\n"
    "      - {description: x, answers: {}, lowest: information, highest: routine, source: y}\n"
)
NOT_SIGNED = "has not yet been signed off by a clinical reviewer"


def load_cases(tmp_path, review):
    path = tmp_path / case_file.FILE_NAME
    path.write_text(HEAD + review + CASES, encoding="utf-8")
    return case_file.load(path, apps.get_app_config("selfcheck").definition)


def test_the_case_file_carries_the_same_three_review_fields(tmp_path):
    loaded = load_cases(
        tmp_path, "reviewed_by: Dr Real\nlast_reviewed: 2026-12-01\nnext_review_due: 2027-12-01\n"
    )
    assert (loaded.reviewed_by, str(loaded.last_reviewed), str(loaded.next_review_due)) == (
        "Dr Real",
        "2026-12-01",
        "2027-12-01",
    )


def test_a_case_file_from_before_the_review_dates_is_read_as_not_signed_off(tmp_path):
    loaded = load_cases(tmp_path, "reviewed_by:\n")
    assert (loaded.last_reviewed, loaded.next_review_due) == (None, None)


@pytest.mark.parametrize(
    ("review", "message"),
    [
        ("reviewed_by: Dr Real\n", "fill in both"),
        ("reviewed_by:\nnext_review_due: 2027-12-01\n", "next_review_due: is set but last_reviewed is empty"),
        ("reviewed_by: Dr Real\nlast_reviewed: 2026-12-01\nnext_review_due: 2026-01-01\n", "must be after"),
        ("reviewed_by:\nlast_reviewed: someday\n", "last_reviewed: must be a date"),
    ],
)
def test_a_case_file_whose_review_fields_do_not_hold_together_is_refused(tmp_path, review, message):
    with pytest.raises(case_file.CasesError, match=message):
        load_cases(tmp_path, review)


@pytest.mark.parametrize(
    ("url", "noun"), [("/self-check/", "check"), ("/self-check/how-we-test/", "set of cases")]
)
def test_the_self_check_pages_say_their_file_is_not_yet_signed_off(client, url, noun):
    assert f"This {noun} {NOT_SIGNED}." in client.get(url).content.decode()


def test_the_self_check_result_says_its_rules_are_not_yet_signed_off(client):
    config = apps.get_app_config("selfcheck")
    response = client.get("/self-check/check/")
    for fields in config.cases.cases[0].posts(config.definition):
        response = client.post(
            "/self-check/check/", {"state": response.context["state"], "action": "next", **fields}
        )
    assert "level" in response.context  # the result page
    assert f"This check {NOT_SIGNED}." in response.content.decode()


def test_every_reviewable_data_file_is_registered_for_the_dashboard():
    files = {f.key: f for f in signoff.clinical_files()}
    assert set(files) >= {"selfcheck-rules", "selfcheck-cases", "result-explainer"}
    assert all(f.signoff.standing(f.updated) == "never" for f in files.values())
