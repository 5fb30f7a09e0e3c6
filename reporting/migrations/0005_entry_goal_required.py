import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    # Separate from 0004: PostgreSQL refuses to alter a table with pending trigger events
    # from the data copy in the same transaction.

    dependencies = [
        ("indicators", "0003_composite_foreign_keys"),
        ("reporting", "0004_entry_place"),
    ]

    operations = [
        migrations.AlterField(
            model_name="entry",
            name="goal",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="indicators.strategicgoal",
                verbose_name="strategisch doel",
            ),
        ),
    ]
