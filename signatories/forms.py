from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        # E-mail addresses are matched without regard to case; only the password is not.
        "invalid_login": _(
            "Het e-mailadres of het wachtwoord klopt niet. Let op: het wachtwoord is "
            "hoofdlettergevoelig."
        ),
    }
