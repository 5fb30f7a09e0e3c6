from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .models import Invitation, Membership, Signatory, SignatoryKind, User

# Roles are flags on the person and memberships; the portal uses no groups.
admin.site.unregister(Group)


class MembershipInline(admin.StackedInline):
    """Stacked, and without select2 autocompletion: select2 writes inline styles, which
    the Content-Security-Policy blocks, and the tabular layout has an unnamed column."""

    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    fields = ["user", "signatory", "is_lead", "is_contact", "is_approver"]


@admin.register(SignatoryKind)
class SignatoryKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position"]


@admin.register(Signatory)
class SignatoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "is_active", "requires_signoff", "contact_email"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]
    inlines = [MembershipInline]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_coordinator", "is_reader", "is_staff", "is_active"]
    list_filter = ["is_coordinator", "is_reader", "is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoon"), {"fields": ["full_name"]}),
        (
            _("Rollen"),
            {"fields": ["is_active", "is_coordinator", "is_reader", "is_staff", "is_superuser"]},
        ),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are made, resent and revoked on the portal's own page."""

    list_display = ["email", "role", "signatory", "status", "created_at", "expires_at"]
    list_filter = ["role"]
    search_fields = ["email"]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
