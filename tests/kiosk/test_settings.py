"""The kiosk's timings come from the environment, and a countdown too short to answer is refused."""

from tests.server import local_env, manage


def run_check(**env):
    return manage("check", env=local_env(**env))


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
