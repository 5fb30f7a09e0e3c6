from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from signatories.models import Membership, Signatory, User

# (e-mail, name, password, role flags, signatory codes). Demo only: refused without DEBUG.
DEMO_USERS = [
    (
        "redacteur@minbz.example.org",
        "Sanne de Vries (MinBZ)",
        "demo-redacteur-minbz",
        {},
        ["MinBZ"],
    ),
    (
        "accordeur@minbz.example.org",
        "Dirk Jansen (accordeur MinBZ)",
        "demo-accordeur-minbz",
        {},
        ["MinBZ"],
    ),
    ("redacteur@pax.example.org", "Pieter Jansen (PAX)", "demo-redacteur-pax", {}, ["PAX"]),
    (
        "coordinator@wo-men.example.org",
        "Anne Bakker (WO=MEN)",
        "demo-coordinator",
        {"is_coordinator": True},
        [],
    ),
    ("lezer@minbz.example.org", "Karin Visser (lezer)", "demo-lezer", {"is_reader": True}, []),
    (
        "beheerder@nap1325.example.org",
        "Tom Smit (beheer)",
        "demo-beheerder",
        {"is_staff": True, "is_superuser": True},
        [],
    ),
]


class Command(BaseCommand):
    help = "Creates one demo user per role and prints their passwords (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo users are only created with DEBUG on.")
        with transaction.atomic():
            for email, name, password, flags, codes in DEMO_USERS:
                user, _ = User.objects.update_or_create(
                    email=email, defaults={"full_name": name, "is_active": True, **flags}
                )
                user.set_password(password)
                user.save(update_fields=["password"])
                approver = email.startswith("accordeur@")
                for code in codes:
                    # Both editors are their organisation's contact person; MinBZ's also
                    # its lead editor, who may invite colleagues. MinBZ signs its report
                    # off internally, by its approver, before it goes to WO=MEN.
                    signatory = Signatory.objects.get(code=code)
                    Membership.objects.update_or_create(
                        user=user,
                        signatory=signatory,
                        defaults={
                            "is_contact": not approver,
                            "is_lead": code == "MinBZ" and not approver,
                            "is_approver": approver,
                        },
                    )
                    if approver:
                        Signatory.objects.filter(pk=signatory.pk).update(requires_signoff=True)
        self.stdout.write("")
        self.stdout.write("Demo users (log in at http://127.0.0.1:8000/):")
        for email, _name, password, flags, codes in DEMO_USERS:
            role = (
                ", ".join(k.removeprefix("is_") for k in flags) or f"editor of {', '.join(codes)}"
            )
            if email.startswith("accordeur@"):
                role = "approver of MinBZ (signs its report off before WO=MEN)"
            elif codes == ["MinBZ"]:
                role += " (lead editor: invites colleagues)"
            self.stdout.write(f"  {email:34} {password:24} {role}")
        self.stdout.write("")
