from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from audit.admin import AuditedAdminMixin
from organisations.models import Contract, ContractObligation, ContractPathway, Organisation


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "kind", "code", "establishment_type", "region", "active")
    list_filter = ("kind", "establishment_type", "active")
    search_fields = ("name", "code")


class ContractPathwayInline(admin.TabularInline):
    model = ContractPathway
    extra = 0


class ContractObligationInline(admin.StackedInline):
    model = ContractObligation
    extra = 0


@admin.register(Contract)
class ContractAdmin(AuditedAdminMixin, SimpleHistoryAdmin):
    list_display = ("reference", "title", "provider", "region", "start_date", "end_date")
    search_fields = ("reference", "title")
    list_filter = ("contract_type",)
    filter_horizontal = ("establishments",)
    inlines = [ContractPathwayInline, ContractObligationInline]
