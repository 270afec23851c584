from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import User
from audit.admin import AuditedAdminMixin


@admin.register(User)
class UserAdmin(AuditedAdminMixin, DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "organisation", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("throughgate", {"fields": ("organisation", "role", "manager", "safer_custody", "professional_standards")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        ("throughgate", {"fields": ("organisation", "role", "manager", "safer_custody", "professional_standards")}),
    )
