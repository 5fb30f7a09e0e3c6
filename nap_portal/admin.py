from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    site_header = _("NAP1325-portaal: beheer")
    site_title = _("NAP1325-portaal")
    index_title = _("Beheer")

    def has_permission(self, request):
        # Coordinators maintain the framework and signatories here; their model
        # permissions come from the rules in each app's permissions.py.
        user = request.user
        return user.is_active and (user.is_staff or getattr(user, "is_coordinator", False))
