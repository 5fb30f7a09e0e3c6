import unicodedata

from django.db import migrations


def normalise(apps, schema_editor):
    """Store every address in the normal form the login now matches exactly."""
    User = apps.get_model("signatories", "User")
    for user in User.objects.all():
        key = unicodedata.normalize("NFKC", user.email.strip()).casefold()
        if key != user.email:
            user.email = key
            user.save(update_fields=["email"])


class Migration(migrations.Migration):
    dependencies = [("signatories", "0001_initial")]

    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
