"""Two-factor authentication (TOTP, django-otp): required for coordinators and administrators,
optional for everyone else. Whoever has set up an authenticator app must use it.

After the password, a person who needs a second factor and has not given one this session is
sent to "tweestaps/" (enter the 6-digit code) or, the first time, to "tweestaps/instellen/"
(scan the QR code, confirm with a code). Every other page waits until then.
"""

from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.log import record
from audit.models import AuditEvent

# Reachable before the second factor: the 2FA pages themselves, logging out, assets, health.
OPEN_PREFIXES = ("/static/", "/health/", "/i18n/")


def _roles(user):
    """The roles that make a second factor compulsory: coordinator, staff, superuser."""
    return [user.is_coordinator, user.is_staff, user.is_superuser]


def required_for(user):
    """Coordinators and administrators must; others must once they have set it up."""
    if settings.TWO_FACTOR_REQUIRED and any(_roles(user)):
        return True
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


class RequireTwoFactorMiddleware:
    """After django_otp's OTPMiddleware: no page without the second factor when it is due.

    Whether it is due costs a query, so a negative answer is kept in the session along with
    the roles it was given for: a promotion to coordinator asks again."""

    NOT_DUE = "two_factor_not_due_for"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
            and request.path not in self._own_pages()
        ):
            roles = _roles(user)
            if request.session.get(self.NOT_DUE) != roles:
                if required_for(user):
                    verify = reverse("two_factor_verify")
                    return redirect(f"{verify}?{urlencode({'next': request.get_full_path()})}")
                request.session[self.NOT_DUE] = roles
        return self.get_response(request)

    @classmethod
    def note_at_login(cls, sender, request, user, **kwargs):
        """Answer "is it due?" once, at login, so pages do not pay the query."""
        if request is not None and hasattr(request, "session") and not required_for(user):
            request.session[cls.NOT_DUE] = _roles(user)

    @staticmethod
    def _own_pages():
        names = ("two_factor_verify", "two_factor_setup", "logout", "session_status")
        return {reverse(name) for name in names}


user_logged_in.connect(RequireTwoFactorMiddleware.note_at_login, dispatch_uid="two_factor_due")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code uit uw authenticator-app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}
        ),
        help_text=gettext_lazy("Zes cijfers; de code verandert elke 30 seconden."),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].strip().replace(" ", "")
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                _("Deze code klopt niet of is verlopen. Neem de code die de app nu toont.")
            )
        return code


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("home")


@login_required
def verify(request):
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    if device is None:
        return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': _next(request)})}")
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST":
        if form.is_valid():
            otp_login(request, device)
            record("two_factor", obj=request.user)
            return redirect(_next(request))
        record("two_factor", obj=request.user, result=AuditEvent.Result.FAILED)
    return render(
        request, "registration/two_factor_verify.html", {"form": form, "next": _next(request)}
    )


@login_required
def setup(request):
    if TOTPDevice.objects.devices_for_user(request.user, confirmed=True).exists():
        return redirect("two_factor_verify")
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        record("two_factor_setup", obj=request.user)
        messages.success(request, _("Tweestapsverificatie staat aan voor uw account."))
        return redirect(_next(request))
    qr = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    context = {
        "form": form,
        "next": _next(request),
        "qr": mark_safe(qr.to_string(encoding="unicode")),  # noqa: S308 - our own SVG
        "secret": " ".join(_chunks(b32encode(device.bin_key).decode(), 4)),
    }
    return render(request, "registration/two_factor_setup.html", context)


def _chunks(text, size):
    return [text[i : i + size] for i in range(0, len(text), size)]
