import unicodedata

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NaturalKeyManager(models.Manager):
    """Fixtures refer to rows by a stable code, so loading one twice changes nothing."""

    key_field = "code"

    def get_by_natural_key(self, code):
        return self.get(**{self.key_field: code})


class SignatoryKind(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = NaturalKeyManager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("soort ondertekenaar")
        verbose_name_plural = _("soorten ondertekenaars")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


def annex_order(prefix=""):
    """Ministries in the annex's order (BZ, Defensie, JenV, OCW), then the rest by name.
    `prefix` orders rows that point to a signatory."""
    return [
        f"{prefix}kind__position",
        F(f"{prefix}annex_position").asc(nulls_last=True),
        Lower(f"{prefix}name"),
    ]


class SignatoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_annex_order(self):
        return self.order_by(*annex_order())


class SignatoryManager(NaturalKeyManager.from_queryset(SignatoryQuerySet)):
    pass


class Signatory(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    code = models.CharField(
        _("korte code"),
        max_length=40,
        unique=True,
        help_text=_("Zoals in de rapportage, bijvoorbeeld MinBZ of PAX."),
    )
    kind = models.ForeignKey(
        SignatoryKind, on_delete=models.PROTECT, related_name="signatories", verbose_name=_("soort")
    )
    is_active = models.BooleanField(_("actief"), default=True)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"), blank=True)
    requires_signoff = models.BooleanField(
        _("interne accordering"),
        default=False,
        help_text=_(
            "De rapportage gaat eerst naar een accordeur van de organisatie en pas na diens "
            "akkoord naar de coördinatoren."
        ),
    )
    annex_position = models.PositiveSmallIntegerField(
        _("vaste plaats in de bijlage"),
        null=True,
        blank=True,
        help_text=_("Leeg laten: dan alfabetisch na de ministeries."),
    )

    objects = SignatoryManager()

    class Meta:
        # Lower(): the same alphabetical order on SQLite and on any PostgreSQL collation.
        ordering = ["kind__position", F("annex_position").asc(nulls_last=True), Lower("name")]
        verbose_name = _("ondertekenaar")
        verbose_name_plural = _("ondertekenaars")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


def email_key(address):
    """The one normal form of an e-mail address: stored, looked up and counted by lockout.

    NFKC folds look-alike compatibility characters ("ſ" → "s", full-width letters) and
    casefold() ignores case, both in Python, so the database only ever compares exactly.
    (PostgreSQL's iexact upper-cased "ı" to "I", while django-axes counted attempts under
    Python's lower(): a dotless i logged in with a fresh count.)
    """
    return unicodedata.normalize("NFKC", (address or "").strip()).casefold()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email=email_key(email))

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=email_key(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address.

    Roles: signatory editor (through memberships), coordinator, reader, administrator
    (staff + superuser). A person can hold several.
    """

    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=200, blank=True)
    is_coordinator = models.BooleanField(
        _("coördinator"),
        default=False,
        help_text=_("WO=MEN-secretariaat of BZ-coördinator: beoordeelt alle rapportages."),
    )
    is_reader = models.BooleanField(
        _("lezer"),
        default=False,
        help_text=_("Mag gepubliceerde rapportages inzien en downloaden."),
    )
    is_staff = models.BooleanField(
        _("technisch beheerder"),
        default=False,
        help_text=_("Mag de beheeromgeving gebruiken."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    signatories = models.ManyToManyField(
        Signatory,
        through="Membership",
        related_name="members",
        blank=True,
        verbose_name=_("ondertekenaars"),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def clean(self):
        super().clean()
        self.email = email_key(self.email)

    def save(self, *args, **kwargs):
        self.email = email_key(self.email)
        super().save(*args, **kwargs)

    @property
    def role_labels(self):
        labels = []
        if self.is_superuser:
            labels.append(_("beheerder"))
        if self.is_coordinator:
            labels.append(_("coördinator"))
        if self.is_reader:
            labels.append(_("lezer"))
        return labels


class Membership(models.Model):
    """A person edits the reports of this signatory."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("persoon")
    )
    signatory = models.ForeignKey(
        Signatory,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("ondertekenaar"),
    )
    is_lead = models.BooleanField(
        _("hoofdredacteur"),
        default=False,
        help_text=_("Mag collega's van deze organisatie uitnodigen."),
    )
    is_contact = models.BooleanField(
        _("contactpersoon"),
        default=False,
        help_text=_("Staat in het overzicht van de coördinatoren als aanspreekpunt."),
    )
    is_approver = models.BooleanField(
        _("accordeur"),
        default=False,
        help_text=_(
            "Accordeert de rapportage namens de organisatie voordat zij naar de "
            "coördinatoren gaat (als de organisatie interne accordering vereist)."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "signatory"], name="membership_unique_user_signatory"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.signatory}"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Sent, not accepted, not revoked, not expired: the link still works."""
        return self.filter(accepted_at=None, revoked_at=None, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An e-mail invitation into the portal with a role (and, for editors, an organisation).

    The link carries a random token; only its SHA-256 is stored. It expires, works once,
    and lets the person choose a password (signatories.invitations)."""

    class Role(models.TextChoices):
        EDITOR = "editor", _("redacteur")
        LEAD_EDITOR = "lead_editor", _("hoofdredacteur")
        CONTACT = "contact", _("redacteur en contactpersoon")
        APPROVER = "approver", _("redacteur en accordeur")
        COORDINATOR = "coordinator", _("coördinator")
        READER = "reader", _("lezer")

    EDITOR_ROLES = (Role.EDITOR, Role.LEAD_EDITOR, Role.CONTACT, Role.APPROVER)

    email = models.EmailField(_("e-mailadres"))
    full_name = models.CharField(_("naam"), max_length=200, blank=True)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    signatory = models.ForeignKey(
        Signatory,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("organisatie"),
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("door")
    )
    sent_at = models.DateTimeField(_("laatst verstuurd"), default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt op"))
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["coordinator", "reader"]) | Q(signatory__isnull=False),
                name="invitation_editor_has_signatory",
            ),
        ]

    def __str__(self):
        return self.email

    def get_full_name(self):
        return self.full_name or self.email

    @property
    def status(self):
        if self.accepted_at:
            return _("geaccepteerd")
        if self.revoked_at:
            return _("ingetrokken")
        return _("open") if self.is_pending else _("verlopen")

    @property
    def is_pending(self):
        return not (self.accepted_at or self.revoked_at) and self.expires_at > timezone.now()
