"""What the audit log records about people without the code that causes it knowing:
logins, logouts, failed logins, accounts created, role flags and memberships changed.
(Here, not in audit/: the audit log knows nothing of the apps that write to it.)"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from audit.log import record
from audit.models import AuditEvent

from .models import Membership

User = get_user_model()
ROLE_FIELDS = ("is_coordinator", "is_reader", "is_staff", "is_superuser", "is_active")


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    record("login", actor=user, obj=user, request=request)


@receiver(user_logged_out)
def logged_out(sender, request, user, **kwargs):
    if user is not None:
        record("logout", actor=user, obj=user, request=request)


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    # The address as typed (Django already hides the password in `credentials`).
    record(
        "login",
        actor=str(credentials.get("username", ""))[:254],
        result=AuditEvent.Result.FAILED,
        request=request,
    )


@receiver(pre_save, sender=User)
def remember_roles(sender, instance, raw=False, update_fields=None, **kwargs):
    """The role flags as stored, before a save that may change them. Saves of other fields
    only (each login's last_login, a new password) cost no query."""
    instance._roles_before = None
    if raw or instance._state.adding:
        return
    if update_fields is not None and not set(ROLE_FIELDS) & set(update_fields):
        return
    instance._roles_before = User.objects.filter(pk=instance.pk).values(*ROLE_FIELDS).first()


@receiver(post_save, sender=User)
def roles_changed(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        roles = {
            field: [False, True]
            for field in ROLE_FIELDS
            if field != "is_active" and getattr(instance, field)
        }
        record("user_created", obj=instance, **roles)
        return
    before = getattr(instance, "_roles_before", None)
    if not before:
        return
    changes = {
        field: [before[field], getattr(instance, field)]
        for field in ROLE_FIELDS
        if before[field] != getattr(instance, field)
    }
    if changes:
        record("roles_changed", obj=instance, **changes)


@receiver(post_save, sender=Membership)
def membership_added(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record("membership_added", obj=instance.user, signatory=instance.signatory.code)


@receiver(post_delete, sender=Membership)
def membership_removed(sender, instance, **kwargs):
    record("membership_removed", obj=instance.user, signatory=instance.signatory.code)
