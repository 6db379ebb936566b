from django.contrib import admin

from selfcheck.models import DailyCount


@admin.register(DailyCount)
class DailyCountAdmin(admin.ModelAdmin):
    """Read-only: the counts are written only by the self-check itself."""

    list_display = ["date", "level", "count"]
    list_filter = ["level"]
    date_hierarchy = "date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
