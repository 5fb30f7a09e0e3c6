from datetime import timedelta

import factory
from django.utils import timezone

from indicators.models import ActionPlan, Indicator, StrategicGoal, Subgoal, Theme
from signatories.models import Membership, Signatory, SignatoryKind, User


class SignatoryKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignatoryKind
        django_get_or_create = ["code"]

    code = "maatschappelijk"
    name = "Maatschappelijke organisatie"
    position = 3


class SignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signatory
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"ORG{n}")
    name = factory.LazyAttribute(lambda o: f"Organisatie {o.code}")
    kind = factory.SubFactory(SignatoryKindFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Persoon {n}")
    password = factory.PostGenerationMethodCall("set_password", "een-goed-wachtwoord")

    @factory.post_generation
    def signatories(self, create, extracted, **kwargs):
        for signatory in extracted or []:
            Membership.objects.create(user=self, signatory=signatory)
        if create:
            self.save()


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    code = factory.Sequence(lambda n: f"NAP-T{n}")
    title = factory.LazyAttribute(lambda o: f"Actieplan {o.code}")
    first_year = 2028
    last_year = 2032


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    plan = factory.SubFactory(ActionPlanFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"THEMA {n}")


class StrategicGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicGoal

    theme = factory.SubFactory(ThemeFactory)
    plan = factory.SelfAttribute("theme.plan")
    number = factory.LazyAttribute(lambda o: str(o.theme.position))
    text = factory.Faker("sentence", locale="nl_NL")


class SubgoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subgoal

    goal = factory.SubFactory(StrategicGoalFactory)
    plan = factory.SelfAttribute("goal.plan")
    position = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: f"{o.goal.number}.{o.position}")
    text = factory.Faker("sentence", locale="nl_NL")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    goal = factory.SubFactory(StrategicGoalFactory)
    plan = factory.SelfAttribute("goal.plan")
    subgoal = None
    position = factory.Sequence(lambda n: n + 1)
    number = factory.Sequence(lambda n: f"t.{n}")
    text = factory.Faker("sentence", locale="nl_NL")
    kind = Indicator.Kind.COUNT

    @factory.post_generation
    def signatories(self, create, extracted, **kwargs):
        if extracted:
            self.signatories.set(extracted)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reporting.ReportingRound"

    plan = factory.LazyFunction(lambda: ActionPlan.objects.get(code="NAP1325-IV"))
    first_year = 2025
    last_year = factory.SelfAttribute("first_year")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    state = "open"


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A signatory's report in a round, without entries (services.ensure_submission makes
    those from the framework)."""

    class Meta:
        model = "reporting.Submission"

    round = factory.SubFactory(RoundFactory)
    signatory = factory.SubFactory(SignatoryFactory)


class EntryFactory(factory.django.DjangoModelFactory):
    """An answer on a goal of the round's plan as such (no indicator), filled in: for tests
    whose behaviour does not depend on which indicator is answered."""

    class Meta:
        model = "reporting.Entry"

    submission = factory.SubFactory(SubmissionFactory)
    goal = factory.LazyAttribute(lambda o: o.submission.round.plan.goals.order_by("number")[0])
    position = factory.Sequence(lambda n: n)
    narrative = "<p>Ingevuld.</p>"


class EditionFactory(factory.django.DjangoModelFactory):
    """A finished PDF edition, not published, with a small file."""

    class Meta:
        model = "reporting.Edition"

    round = factory.SubFactory(RoundFactory)
    format = "pdf"
    content_hash = factory.Sequence(lambda n: f"{n:064x}")
    state = "done"
    finished_at = factory.LazyFunction(timezone.now)
    file = factory.django.FileField(filename="bijlage.pdf", data=b"%PDF-1.7 test")


def fill_all(submission, text="<p>Ingevuld.</p>"):
    """Give every entry a narrative, as if nobody in particular typed it."""
    for entry in submission.entries.all():
        entry.narrative = text
        entry.save()


def publish(round, *editions, version=None, note=""):
    """What reporting.publishing.publish_round leaves behind (a version with these files,
    the round published), without compiling four formats: for tests about who sees what."""
    from reporting import publishing
    from reporting.annex import content
    from reporting.models import Publication

    version = version or round.publications.count() + 1
    annex = content.build(round, concept=False)
    publication = Publication.objects.create(
        round=round, version=version, note=note, html=publishing.snapshot(annex)
    )
    publication.editions.set(editions)
    publishing.keep_answers(publication, annex)
    round.state = "published"
    round.save(update_fields=["state"])
    return publication
