from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest

from audit.constants import Action
from audit.models import Event
from audit.services import event_record


class AuditedAdminMixin(admin.ModelAdmin):
    """Changes made through Django's admin are audited like changes made anywhere else."""

    def save_model(self, request: HttpRequest, obj: models.Model, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        changed = {name: [None, str(form.cleaned_data.get(name))] for name in form.changed_data if name != "password"}
        event_record(
            actor=request.user,
            action=Action.UPDATE if change else Action.CREATE,
            record_type=obj._meta.model_name or "",
            record_id=obj.pk,
            summary=f"{'Changed' if change else 'Added'} {obj._meta.verbose_name} in the admin",
            changes=changed,
            request=request,
        )

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        record_id = obj.pk
        super().delete_model(request, obj)
        event_record(
            actor=request.user,
            action=Action.UPDATE,
            record_type=obj._meta.model_name or "",
            record_id=record_id,
            summary=f"Deleted {obj._meta.verbose_name} in the admin",
            request=request,
        )


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
