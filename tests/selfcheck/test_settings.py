"""The out-of-hours number and the crisis line come from the environment, like the emergency number."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("URGENT_CARE_NUMBER", "CRISIS_LINE")}
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings as s; print(s.URGENT_CARE_NUMBER, s.CRISIS_LINE)",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_defaults_are_111_and_samaritans():
    result = run_check()

    assert result.returncode == 0, result.stderr
    assert "111 {'name': 'Samaritans', 'number': '116 123'}" in result.stdout


def test_both_can_be_set_for_another_region():
    result = run_check(URGENT_CARE_NUMBER="1800 022 222", CRISIS_LINE="Lifeline: 13 11 14")

    assert result.returncode == 0, result.stderr
    assert "1800 022 222 {'name': 'Lifeline', 'number': '13 11 14'}" in result.stdout


@pytest.mark.parametrize(
    "env,message",
    [
        ({"URGENT_CARE_NUMBER": "call us"}, "URGENT_CARE_NUMBER must be a phone number"),
        ({"CRISIS_LINE": "116 123"}, "CRISIS_LINE must be a name and a number"),
        ({"CRISIS_LINE": "Samaritans: free"}, "CRISIS_LINE must be a name and a number"),
    ],
)
def test_a_value_that_cannot_be_dialled_stops_the_site_and_says_why(env, message):
    result = run_check(**env)

    assert result.returncode != 0
    assert message in result.stderr


def test_every_template_can_show_both(rf):
    from config.context_processors import site

    values = site(rf.get("/"))

    assert values["urgent_care_number"] == "111"
    assert values["crisis_line"] == {"name": "Samaritans", "number": "116 123"}
