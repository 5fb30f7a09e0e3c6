"""The round's introduction becomes a synthesis without a goal: written with autosave,
kept with history and approved by a second coordinator, like the syntheses (issue 14).
An introduction written before counts as approved, so no annex loses it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def introductions_to_syntheses(apps, schema_editor):
    ReportingRound = apps.get_model("reporting", "ReportingRound")
    Synthesis = apps.get_model("reporting", "Synthesis")
    for round in ReportingRound.objects.exclude(introduction=""):
        Synthesis.objects.get_or_create(
            round=round,
            goal=None,
            defaults={"text": round.introduction, "version": 1, "approved_version": 1},
        )


def syntheses_to_introductions(apps, schema_editor):
    ReportingRound = apps.get_model("reporting", "ReportingRound")
    Synthesis = apps.get_model("reporting", "Synthesis")
    for synthesis in Synthesis.objects.filter(goal=None):
        ReportingRound.objects.filter(pk=synthesis.round_id).update(introduction=synthesis.text)
    Synthesis.objects.filter(goal=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_composite_foreign_keys"),
        ("reporting", "0020_answered_together_2021"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="synthesis",
            name="goal",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="indicators.strategicgoal",
                verbose_name="doel",
            ),
        ),
        migrations.AddConstraint(
            model_name="synthesis",
            constraint=models.UniqueConstraint(
                condition=models.Q(("goal", None)),
                fields=("round",),
                name="synthesis_one_introduction",
            ),
        ),
        migrations.RunPython(introductions_to_syntheses, syntheses_to_introductions),
        migrations.RemoveField(model_name="reportinground", name="introduction"),
    ]
