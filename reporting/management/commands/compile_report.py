from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.models import ActionPlan
from reporting.annex import content, formats
from reporting.models import ReportingRound


class Command(BaseCommand):
    help = "Compiles the annex (Bijlage 1) of a round without the web server."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--round", type=int, help="first year of the round")
        which.add_argument(
            "--period",
            action="store_true",
            help="the whole plan period: every round of the plan that has opened, in one document",
        )
        parser.add_argument("--plan", help="action plan code, when several have this year")
        parser.add_argument("--format", choices=sorted(formats.RENDERERS), default="html")
        parser.add_argument("--output", required=True, help="file to write, or - for stdout")
        parser.add_argument(
            "--concept", action="store_true", help="include entries not yet approved"
        )

    def handle(self, *args, **options):
        annex = self.period(options) if options["period"] else self.round(options)
        if options["output"] == "-":
            formats.write_as(annex, options["format"], self.stdout.buffer)
        else:
            with Path(options["output"]).open("wb") as file:
                formats.write_as(annex, options["format"], file)
            self.stderr.write(
                f"Wrote {options['output']}: {len(annex.sections)} signatories, "
                f"{annex.entry_count} entries."
            )

    def round(self, options):
        rounds = ReportingRound.objects.select_related("plan").filter(first_year=options["round"])
        if options["plan"]:
            rounds = rounds.filter(plan__code=options["plan"])
        found = list(rounds)
        if not found:
            raise CommandError(f"No round starts in {options['round']}.")
        if len(found) > 1:
            plans = ", ".join(r.plan.code for r in found)
            raise CommandError(f"Several plans have a round in {options['round']}: {plans}.")
        return content.build(found[0], concept=options["concept"])

    def period(self, options):
        plans = ActionPlan.objects.all()
        if options["plan"]:
            plans = plans.filter(code=options["plan"])
        found = list(plans)
        if len(found) != 1:
            known = ", ".join(plan.code for plan in ActionPlan.objects.all())
            raise CommandError(f"Name one plan with --plan (known: {known}).")
        rounds = content.period_rounds(found[0])
        if not rounds:
            raise CommandError(f"{found[0].code} has no round that has opened.")
        return content.build_period(rounds, concept=options["concept"])
