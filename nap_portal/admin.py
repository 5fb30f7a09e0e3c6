from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# Apps whose tables the portal keeps for itself (lockouts, authenticator devices, the mail
# queue): only a superuser sees them, under their Dutch names, after everything else.
TECHNICAL_APPS = {
    "axes": _("Technisch: inlogpogingen en blokkades"),
    "otp_totp": _("Technisch: authenticator-apps (tweestaps)"),
    "otp_static": _("Technisch: reservecodes (tweestaps)"),
    "outbox": _("Technisch: wachtrij uitgaande e-mail"),
}


class PortalAdminSite(admin.AdminSite):
    site_header = _("NAP1325-portaal: beheer")
    site_title = _("NAP1325-portaal")
    index_title = _("Beheer")

    def has_permission(self, request):
        # Coordinators maintain the framework and signatories here; their model
        # permissions come from the rules in each app's permissions.py.
        user = request.user
        return user.is_active and (user.is_staff or getattr(user, "is_coordinator", False))

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        ordinary = [app for app in apps if app["app_label"] not in TECHNICAL_APPS]
        if not request.user.is_superuser:
            return ordinary
        technical = [app for app in apps if app["app_label"] in TECHNICAL_APPS]
        for app in technical:
            app["name"] = TECHNICAL_APPS[app["app_label"]]
        return ordinary + technical
