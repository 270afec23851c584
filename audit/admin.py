from django.contrib import admin

from audit.models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is append-only, in the admin as everywhere else."""

    list_display = ("occurred_at", "actor_username", "organisation_name", "action", "record_type", "record_id")
    list_filter = ("action", "record_type")
    search_fields = ("actor_username", "record_id")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
