from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log can be searched, never changed."""

    list_display = ("at", "actor", "action", "object_label", "result", "origin")
    list_filter = ("action", "result")
    search_fields = ("actor", "object_label", "origin")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
