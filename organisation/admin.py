"""The programme office manages the organisation through the Django admin."""

from django.contrib import admin

from organisation import models


class RoleAssignmentInline(admin.TabularInline):
    model = models.RoleAssignment
    extra = 0
    autocomplete_fields = ["school", "network", "partner"]


@admin.register(models.Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ("name", "region")
    search_fields = ("name", "region")
    prepopulated_fields = {"slug": ("name",)}


class MembershipInline(admin.StackedInline):
    model = models.Membership
    extra = 0


@admin.register(models.School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ("name", "brin", "city", "network")
    list_filter = ("network", "membership__status", "levels")
    search_fields = ("name", "brin", "city")
    filter_horizontal = ("levels",)
    inlines = [MembershipInline]


@admin.register(models.SchoolYear)
class SchoolYearAdmin(admin.ModelAdmin):
    list_display = ("name", "start_date", "end_date")


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("school", "status", "phase", "commitment_start", "commitment_end")
    list_filter = ("status", "phase", "school__network")
    search_fields = ("school__name",)
    autocomplete_fields = ["school"]


@admin.register(models.EducationTeam)
class EducationTeamAdmin(admin.ModelAdmin):
    list_display = ("name", "school")
    search_fields = ("name", "school__name")
    autocomplete_fields = ["school", "members"]


@admin.register(models.ClassGroup)
class ClassGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "school", "school_year", "level", "leerjaar", "mentor")
    list_filter = ("school_year", "level", "leerjaar", "school__network")
    search_fields = ("name", "school__name")
    autocomplete_fields = ["school", "mentor"]


@admin.register(models.Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ("student", "school", "school_year", "class_group", "level", "leerjaar")
    list_filter = ("school_year", "level", "leerjaar")
    search_fields = ("student__username", "student__last_name", "school__name")
    autocomplete_fields = ["student", "school", "class_group"]
    list_select_related = ("student", "school", "school_year", "class_group", "level")


class PartnerContactInline(admin.TabularInline):
    model = models.PartnerContact
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(models.PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "city")
    list_filter = ("kind", "networks", "sectors")
    search_fields = ("name", "city")
    filter_horizontal = ("sectors", "networks")
    inlines = [PartnerContactInline]


@admin.register(models.Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "slug")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(models.RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "school", "network", "partner")
    list_filter = ("role",)
    search_fields = ("user__username", "user__last_name")
    autocomplete_fields = ["user", "school", "network", "partner"]


# People are managed with their roles in one screen.
from accounts.admin import UserAdmin  # noqa: E402
from accounts.models import User  # noqa: E402

admin.site.unregister(User)


@admin.register(User)
class UserWithRolesAdmin(UserAdmin):
    inlines = [RoleAssignmentInline]


@admin.register(models.RegionProposal)
class RegionProposalAdmin(admin.ModelAdmin):
    list_display = ("partner", "network", "status", "proposed_at", "decided_at")
    list_filter = ("status", "network")
    search_fields = ("partner__name",)
    raw_id_fields = ("partner", "proposed_by", "decided_by")
