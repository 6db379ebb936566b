"""The self-check as the site runs it: the definition SelfcheckConfig.ready() loaded at start-up
from CONTENT_DIR, which the views use too. Tests read that one rather than loading their own."""

from pathlib import Path

from django.apps import apps
from django.conf import settings

SHIPPED = Path(settings.CONTENT_DIR) / "selfcheck.yaml"


def site_definition():
    return apps.get_app_config("selfcheck").definition


def result_title(level, emergency_number="999"):
    """A result's heading as the page shows it, from the definition rather than copied wording."""
    return site_definition().results[level].title.replace("{emergency_number}", emergency_number)
