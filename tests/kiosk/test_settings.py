"""The kiosk's timings come from the environment, and a countdown too short to answer is refused."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "KIOSK_"))}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_refuses_a_countdown_shorter_than_wcag_allows_and_says_why():
    result = run_check(KIOSK_COUNTDOWN_SECONDS="10")
    assert result.returncode != 0
    assert "KIOSK_COUNTDOWN_SECONDS must be at least 20" in result.stderr


def test_it_refuses_an_idle_time_that_is_not_a_number():
    result = run_check(KIOSK_IDLE_SECONDS="soon")
    assert result.returncode != 0
    assert "KIOSK_IDLE_SECONDS must be a whole number" in result.stderr


def test_it_starts_with_longer_timings_and_a_printer():
    result = run_check(KIOSK_IDLE_SECONDS="120", KIOSK_COUNTDOWN_SECONDS="30", KIOSK_PRINTING="1")
    assert result.returncode == 0, result.stderr
