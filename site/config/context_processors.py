"""Values every template may need, taken from settings in one place."""

from django.conf import settings


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "emergency_number": settings.EMERGENCY_NUMBER,
        "urgent_care_number": settings.URGENT_CARE_NUMBER,
        "crisis_line": settings.CRISIS_LINE,
    }
