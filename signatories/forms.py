from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from outbox.services import queue_message

from . import login_queue
from .models import Invitation, Signatory, User, email_key


class LoginForm(AuthenticationForm):
    """Django's login, with the password checked in turn (signatories.login_queue)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        # E-mail addresses are matched without regard to case; only the password is not.
        "invalid_login": _(
            "Het e-mailadres of het wachtwoord klopt niet. Let op: het wachtwoord is "
            "hoofdlettergevoelig."
        ),
    }

    def clean(self):
        with login_queue.turn():
            return super().clean()


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset, with the address matched in its normal form and the mail queued in
    the outbox: the request never waits on the mail server, so its time does not tell
    whether an account exists."""

    def get_users(self, email):
        users = User._default_manager.filter(email=email_key(email), is_active=True)
        return (user for user in users if user.has_usable_password())

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        queue_message(
            to=to_email,
            subject=loader.render_to_string(subject_template_name, context),
            text=loader.render_to_string(email_template_name, context),
            html=loader.render_to_string(html_email_template_name, context),
        )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"))
    full_name = forms.CharField(label=_("Naam (optioneel)"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Rol"), choices=Invitation.Role.choices)
    signatory = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Signatory.objects.none(),
        required=False,
        help_text=_("Voor redacteuren en contactpersonen: de organisatie waarvoor zij schrijven."),
    )

    def __init__(self, *args, signatories, lead_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signatory"].queryset = signatories
        if lead_only:  # a lead editor invites colleagues into their own organisation
            self.fields["role"].choices = [
                (role.value, role.label) for role in Invitation.EDITOR_ROLES
            ]
            self.fields["signatory"].required = True
            self.fields["signatory"].empty_label = None


class AcceptInvitationForm(SetPasswordForm):
    """Choose a password (Django's validators) and say one's name."""

    full_name = forms.CharField(label=_("Uw naam"), max_length=200)

    field_order = ["full_name", "new_password1", "new_password2"]
