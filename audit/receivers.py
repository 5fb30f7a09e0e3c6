"""What is logged without the code that causes it knowing: logins and role changes."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from signatories.models import Membership

from .log import record
from .models import AuditEvent

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
def remember_roles(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding:
        instance._roles_before = {}
        return
    before = User.objects.filter(pk=instance.pk).values(*ROLE_FIELDS).first() or {}
    instance._roles_before = before


@receiver(post_save, sender=User)
def roles_changed(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_roles_before", {})
    changes = {
        field: [before.get(field, False if created else None), getattr(instance, field)]
        for field in ROLE_FIELDS
        if before.get(field, False) != getattr(instance, field)
    }
    if created:
        changes = {field: change for field, change in changes.items() if field != "is_active"}
    if changes or created:
        record("user_created" if created else "roles_changed", obj=instance, **changes)


@receiver(post_save, sender=Membership)
def membership_added(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record("membership_added", obj=instance.user, signatory=instance.signatory.code)


@receiver(post_delete, sender=Membership)
def membership_removed(sender, instance, **kwargs):
    record("membership_removed", obj=instance.user, signatory=instance.signatory.code)
