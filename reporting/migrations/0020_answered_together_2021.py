"""The 2021 archive as the original printed it, where it was loaded before answers could be
given together (fixtures/report_2021.json has the same): MinBZ answered 1.2.a with 1.2.b,
1.3.a with 1.3.b and 2.b with 2.a in one cell each, MinDef goal 5 and subgoal 5.1 together.
Nothing happens where the 2021 round or those answers are not there."""

from django.db import migrations

TOGETHER = [("MinBZ", "1.2.a", "1.2.b"), ("MinBZ", "1.3.a", "1.3.b"), ("MinBZ", "2.b", "2.a")]


def answer_together(apps, schema_editor):
    Entry = apps.get_model("reporting", "Entry")
    Indicator = apps.get_model("indicators", "Indicator")
    in_2021 = Entry.objects.filter(
        submission__round__plan__code="NAP1325-IV", submission__round__first_year=2021
    )
    for code, number, also in TOGETHER:
        entry = in_2021.filter(submission__signatory__code=code, indicator__number=number).first()
        other = Indicator.objects.filter(plan__code="NAP1325-IV", number=also).first()
        if entry and other:
            entry.also_answers.add(other)
    in_2021.filter(
        submission__signatory__code="MinDef", indicator=None, subgoal__number="5.1"
    ).update(with_goal=True)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0019_answered_together")]

    operations = [migrations.RunPython(answer_together, migrations.RunPython.noop)]
