from datetime import datetime, time
from decimal import Decimal

from django import forms
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from indicators.models import ActionPlan, Indicator, StrategicGoal, Subgoal, Theme
from signatories.models import Signatory, SignatoryKind

from . import narrative, numbers
from . import text as text_rules
from .annex import content
from .models import Edition, ReportingRound
from .reminders import GROUPS
from .widgets import LazyProseEditor, PlainSelect

NUMBER_LABELS = {
    Indicator.Kind.COUNT: _("Aantal"),
    Indicator.Kind.COUNT_PERCENTAGE: _("Aantal"),
    Indicator.Kind.AMOUNT: _("Bedrag in euro"),
}


class CleanTextMixin:
    """Pasted text without the characters XML cannot hold (reporting.text), before it is
    validated: a stray control character never costs the rest of the answer."""

    def to_python(self, value):
        return super().to_python(text_rules.clean(value) if isinstance(value, str) else value)


class CleanCharField(CleanTextMixin, forms.CharField):
    pass


class NarrativeField(CleanTextMixin, ProseEditorFormField):
    # ProseEditorFormField replaces any widget it is not given by its own: so it is given.
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", LazyProseEditor)
        super().__init__(*args, **kwargs)


class DutchNumberField(forms.DecimalField):
    """A number as Dutch people type it: "1.250.000", "€ 1.250,50", "45%" (reporting.numbers)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = numbers.parse(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return None if number is None else super().to_python(str(number))

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return numbers.plain(value)
        return value


class EntryForm(forms.Form):
    """An editor's answer to one indicator. Fields follow the indicator's kind."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    narrative = NarrativeField(
        label=_("Toelichting"),
        required=False,
        config={"extensions": narrative.EXTENSIONS},
        sanitize=narrative.sanitize,
    )
    number = DutchNumberField(
        label=_("Aantal"),
        required=False,
        min_value=0,
        max_digits=16,
        decimal_places=2,
        error_messages={
            "invalid": _("Vul een getal in, bijvoorbeeld 12, 1.250.000 of € 1.250,50."),
            "min_value": _("Het getal kan niet negatief zijn."),
            "max_digits": _("Dit getal is te groot."),
            "max_decimal_places": _("Gebruik hoogstens twee cijfers na de komma."),
        },
    )
    percentage = DutchNumberField(
        label=_("Percentage"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        error_messages={
            "invalid": _("Vul een percentage in, bijvoorbeeld 45, 45% of 12,5."),
            "min_value": _("Een percentage kan niet negatief zijn."),
            "max_value": _("Een percentage ligt tussen 0 en 100."),
            "max_digits": _("Een percentage ligt tussen 0 en 100."),
            "max_decimal_places": _("Gebruik hoogstens twee cijfers na de komma."),
        },
    )
    not_applicable = forms.BooleanField(label=_("Niet van toepassing"), required=False)
    not_applicable_reason = CleanCharField(
        label=_("Waarom is deze indicator niet van toepassing?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def __init__(self, *args, entry, **kwargs):
        kwargs.setdefault("prefix", f"e{entry.pk}")
        kwargs.setdefault(
            "initial",
            {
                "version": entry.version,
                "narrative": entry.narrative,
                "number": entry.number,
                "percentage": entry.percentage,
                "not_applicable": entry.not_applicable,
                "not_applicable_reason": entry.not_applicable_reason,
            },
        )
        super().__init__(*args, **kwargs)
        self.entry = entry
        kind = entry.kind
        if kind in NUMBER_LABELS:
            self.fields["number"].label = NUMBER_LABELS[kind]
        else:
            del self.fields["number"]
        if kind != Indicator.Kind.COUNT_PERCENTAGE:
            del self.fields["percentage"]
        self.fields["narrative"].widget.attrs["aria-describedby"] = f"words-{entry.pk}"

    def clean_narrative(self):
        html = self.cleaned_data["narrative"] or ""
        words = narrative.word_count(html)
        if words > narrative.MAX_WORDS:
            raise forms.ValidationError(
                _(
                    "De toelichting is %(words)s woorden; het maximum is %(max)s. Kort de tekst "
                    "in of verdeel hem over meer indicatoren."
                ),
                params={
                    "words": number_format(words, force_grouping=True),
                    "max": number_format(narrative.MAX_WORDS, force_grouping=True),
                },
            )
        return html

    def clean_number(self):
        number = self.cleaned_data.get("number")
        if (
            number is not None
            and self.entry.kind != Indicator.Kind.AMOUNT
            and number != number.to_integral_value()
        ):
            raise forms.ValidationError(_("Een aantal is een heel getal."))
        return number

    # What save_entry takes (its keyword) and where the entry holds it.
    SAVED_AS = {
        "narrative_html": "narrative",
        "number": "number",
        "percentage": "percentage",
        "not_applicable": "not_applicable",
        "not_applicable_reason": "not_applicable_reason",
    }

    def savable(self):
        """What can be saved of a form with errors: each valid field's new value, the stored
        value for an invalid one (a bad number never costs the narrative typed with it).
        None when nothing can be saved (no valid version to save against), or when nothing
        valid differs from what is stored."""
        if "version" in self.errors:
            return None
        stored = {name: getattr(self.entry, field) for name, field in self.SAVED_AS.items()}
        data = {
            **stored,
            "narrative_html": self.cleaned_data.get("narrative", stored["narrative_html"]),
            "number": self.cleaned_data.get("number", stored["number"]),
            "percentage": self.cleaned_data.get("percentage", stored["percentage"]),
        }
        if "not_applicable_reason" not in self.errors:
            data["not_applicable"] = self.cleaned_data.get("not_applicable", False)
            data["not_applicable_reason"] = self.cleaned_data.get("not_applicable_reason", "")
        if "number" not in self.fields:
            data["number"] = None
        if "percentage" not in self.fields:
            data["percentage"] = None
        if self.errors and data == stored:
            return None
        return {"version": self.cleaned_data["version"], **data}

    def clean(self):
        data = super().clean()
        if data.get("not_applicable") and not (data.get("not_applicable_reason") or "").strip():
            self.add_error(
                "not_applicable_reason",
                _("Geef aan waarom deze indicator niet van toepassing is."),
            )
        return data


class ReviewForm(forms.Form):
    """A coordinator's decision. `seen_event` is the last event the page showed: if another
    coordinator acted since, the service refuses instead of deciding on a stale page."""

    seen_event = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReasonForm(ReviewForm):
    reason = CleanCharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("De redacteuren lezen deze reden in de e-mail en boven hun rapportage."),
        error_messages={"required": _("Geef een reden op.")},
    )


class SignoffReturnForm(ReviewForm):
    reason = CleanCharField(
        label=_("Wat moet er anders?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Uw collega's lezen dit in de e-mail en boven hun rapportage. De coördinatoren "
            "zien het niet."
        ),
        error_messages={"required": _("Schrijf wat er anders moet.")},
    )


class UnlockForm(forms.Form):
    until = forms.DateField(
        label=_("Ontgrendelen tot en met"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Kies een datum."),
            "invalid": _("Vul een datum in als dd-mm-jjjj."),
        },
    )
    reason = ReasonForm.base_fields["reason"]

    def clean_until(self):
        """The end of the chosen day, in the portal's time zone (what the service takes)."""
        until = self.cleaned_data["until"]
        if until < timezone.localdate():
            raise forms.ValidationError(_("Kies vandaag of een datum in de toekomst."))
        return timezone.make_aware(datetime.combine(until, time(23, 59, 59)))


class CommentForm(forms.Form):
    text = CleanCharField(
        label=_("Opmerking"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        error_messages={"required": _("Schrijf een opmerking.")},
    )


class OverviewFilterForm(forms.Form):
    kind = forms.ModelChoiceField(
        label=_("Soort ondertekenaar"),
        queryset=SignatoryKind.objects.order_by("position"),
        to_field_name="code",
        required=False,
        empty_label=_("Alle soorten"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen"))],
    )

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Alle statussen")), *statuses]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoekterm"),
        help_text=_("Woorden die in de toelichting voorkomen, bijvoorbeeld: mediators Irak"),
        max_length=200,
        error_messages={"required": _("Vul een zoekterm in.")},
    )
    round = forms.ModelChoiceField(
        label=_("Ronde"),
        queryset=ReportingRound.objects.order_by("-first_year"),
        required=False,
        empty_label=_("Alle rondes"),
    )
    kind = forms.ModelChoiceField(
        label=_("Soort ondertekenaar"),
        queryset=SignatoryKind.objects.all(),
        required=False,
        empty_label=_("Alle soorten"),
    )
    signatory = forms.ModelChoiceField(
        label=_("Ondertekenaar"),
        queryset=Signatory.objects.in_annex_order(),
        required=False,
        empty_label=_("Alle ondertekenaars"),
    )
    goal = forms.ModelChoiceField(
        label=_("Strategisch doel"),
        queryset=StrategicGoal.objects.select_related("plan").order_by("plan", "number"),
        required=False,
        empty_label=_("Alle doelen"),
    )
    indicator = forms.ModelChoiceField(
        label=_("Indicator"),
        queryset=Indicator.objects.in_plan_order(),
        required=False,
        empty_label=_("Alle indicatoren"),
    )

    def filters(self):
        """The chosen filters, as search() takes them."""
        return {k: v for k, v in self.cleaned_data.items() if k != "q" and v is not None}


class EditionForm(forms.Form):
    """What a coordinator compiles: format, concept or approved only, and filters."""

    format = forms.ChoiceField(
        label=_("Formaat"),
        choices=Edition.Format.choices,
        initial=Edition.Format.PDF,
    )
    concept = forms.BooleanField(
        label=_("Concept: ook antwoorden die nog niet zijn goedgekeurd"),
        required=False,
    )
    signatory = forms.ModelChoiceField(
        label=_("Alleen ondertekenaar"),
        queryset=Signatory.objects.in_annex_order(),
        required=False,
        empty_label=_("Alle ondertekenaars"),
    )
    theme = forms.ModelChoiceField(
        label=_("Alleen thema"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("Alle thema's"),
    )
    kinds = forms.ModelMultipleChoiceField(
        label=_("Soorten ondertekenaars"),
        help_text=_("Geen keuze: alle soorten."),
        queryset=SignatoryKind.objects.order_by("position"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    period = forms.BooleanField(label=_("Hele planperiode"), required=False)

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(plan=round.plan).order_by("position")
        # The plan period up to this round: offered for an opened round with an earlier one.
        opened = content.period_rounds(round.plan, until=round)
        self.period_from = None
        if len(opened) > 1 and opened[-1] == round:
            self.period_from = opened[0].first_year
            self.fields["period"].help_text = _(
                "Alle rondes van %(plan)s van %(first)s tot en met deze in één document; "
                "elk hoofdstuk noemt zijn jaar."
            ) % {"plan": round.plan.code, "first": opened[0].label}
        else:
            del self.fields["period"]

    def clean(self):
        """`period` becomes the year the plan period starts (request_edition's period_from)."""
        data = super().clean()
        data["period_from"] = self.period_from if data.pop("period", False) else None
        return data


def _end_of_day(day):
    return timezone.make_aware(datetime.combine(day, time(23, 59)))


class RoundForm(forms.Form):
    """A new round: which plan, which year(s), when it opens and its deadline."""

    plan = forms.ModelChoiceField(
        label=_("Actieplan"), queryset=ActionPlan.objects.order_by("-first_year"), empty_label=None
    )
    first_year = forms.IntegerField(label=_("Eerste jaar"), min_value=2000, max_value=2100)
    last_year = forms.IntegerField(
        label=_("Laatste jaar"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_(
            "Alleen invullen als de ronde over meer jaren gaat, bijvoorbeeld 2024 en 2025."
        ),
    )
    opens_at = forms.DateField(
        label=_("Open vanaf"), widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline = forms.DateField(
        label=_("Deadline (tot en met)"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def round_fields(self):
        """The cleaned data as rounds.create_round takes it."""
        data = self.cleaned_data
        return {
            "plan": data["plan"],
            "first_year": data["first_year"],
            "last_year": data.get("last_year") or data["first_year"],
            "opens_at": timezone.make_aware(datetime.combine(data["opens_at"], time(0, 0))),
            "deadline": _end_of_day(data["deadline"]),
        }


class RoundStepForm(forms.Form):
    """Confirming a step on a round; `seen_state` is the state the page showed."""

    seen_state = forms.CharField(widget=forms.HiddenInput)


class CloseForm(RoundStepForm):
    despite_invitations = forms.BooleanField(
        label=_("Toch sluiten: wie de uitnodiging nog niet aannam, schrijft niet mee."),
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
        required=False,
    )


class ExtendForm(RoundStepForm):
    deadline = forms.DateField(
        label=_("Nieuwe deadline (tot en met)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = ReasonForm.base_fields["reason"]

    def clean_deadline(self):
        return _end_of_day(self.cleaned_data["deadline"])


class GoalAnswerForm(forms.Form):
    """Where a new answer on a goal or subgoal as such stands, and its own indicator text."""

    place = forms.ChoiceField(label=_("Doel of subdoel"), widget=PlainSelect)
    indicator_text = CleanCharField(
        label=_("Eigen indicator (optioneel)"),
        required=False,
        max_length=500,
        help_text=_("Wat in de indicatorkolom komt, bijvoorbeeld: aantal trainingen."),
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.places = {}
        choices = []
        subgoals = Prefetch("subgoals", queryset=Subgoal.objects.order_by("position"))
        for goal in plan.goals.order_by("theme__position").prefetch_related(subgoals):
            self.places[f"g{goal.pk}"] = (goal, None)
            choices.append((f"g{goal.pk}", f"{goal.label}: {goal.text[:70]}"))
            for subgoal in goal.subgoals.all():
                self.places[f"s{subgoal.pk}"] = (goal, subgoal)
                choices.append((f"s{subgoal.pk}", f"– {subgoal.label}: {subgoal.text[:70]}"))
        self.fields["place"].choices = choices

    def answer_fields(self):
        goal, subgoal = self.places[self.cleaned_data["place"]]
        return {
            "goal": goal,
            "subgoal": subgoal,
            "indicator_text": self.cleaned_data["indicator_text"],
        }


class PublishForm(forms.Form):
    """Publishing after the checklist; `seen_version` is the version the page offered."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    note = CleanCharField(
        label=_("Versienotitie"),
        required=False,
        max_length=500,
        help_text=_("Lezers zien deze notitie, bijvoorbeeld: versie 2: correctie MinBZ 3.a."),
    )
    confirm = forms.BooleanField(
        label=_("Ik heb de controlelijst gelezen en wil deze versie publiceren."),
        error_messages={"required": _("Bevestig dat u de controlelijst hebt gelezen.")},
    )


class WithdrawForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    reason = CleanCharField(
        label=_("Reden van intrekken"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Lezers zien deze reden niet; ze staat in de geschiedenis van de ronde."),
    )


class ReminderForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Aan"), choices=list(GROUPS.items()), widget=forms.RadioSelect
    )
    message = CleanCharField(
        label=_("Persoonlijke boodschap (optioneel)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FrontMatterForm(forms.Form):
    front_matter = forms.BooleanField(
        label=_("Voorwerk in de bijlage: voorblad, inleiding en wie wel en niet rapporteerde"),
        required=False,
    )
    annex_charts = forms.BooleanField(
        label=_("Grafieken in de bijlage: antwoorden per strategisch doel (in het voorwerk)"),
        required=False,
    )


class SubmissionWithdrawForm(forms.Form):
    reason = CleanCharField(
        label=_("Reden"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Staat in de geschiedenis van de rapportage, voor de coördinatoren."),
        error_messages={"required": _("Geef een reden op.")},
    )
