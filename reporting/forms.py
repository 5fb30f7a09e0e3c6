from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from indicators.models import Indicator

from . import narrative

NUMBER_LABELS = {
    Indicator.Kind.COUNT: _("Aantal"),
    Indicator.Kind.COUNT_PERCENTAGE: _("Aantal"),
    Indicator.Kind.AMOUNT: _("Bedrag in euro"),
}


class EntryForm(forms.Form):
    """An editor's answer to one indicator. Fields follow the indicator's kind."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    narrative = ProseEditorFormField(
        label=_("Toelichting"),
        required=False,
        config={"extensions": narrative.EXTENSIONS},
        sanitize=narrative.sanitize,
    )
    number = forms.DecimalField(
        label=_("Aantal"),
        required=False,
        min_value=0,
        max_digits=16,
        decimal_places=2,
        localize=True,
        error_messages={
            "invalid": _("Vul een getal in, bijvoorbeeld 12 of 1250,50."),
            "min_value": _("Het getal kan niet negatief zijn."),
            "max_digits": _("Dit getal is te groot."),
            "max_decimal_places": _("Gebruik hoogstens twee cijfers na de komma."),
        },
    )
    percentage = forms.DecimalField(
        label=_("Percentage"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        localize=True,
        error_messages={
            "invalid": _("Vul een percentage in, bijvoorbeeld 45 of 12,5."),
            "min_value": _("Een percentage kan niet negatief zijn."),
            "max_value": _("Een percentage ligt tussen 0 en 100."),
            "max_decimal_places": _("Gebruik hoogstens twee cijfers na de komma."),
        },
    )
    not_applicable = forms.BooleanField(label=_("Niet van toepassing"), required=False)
    not_applicable_reason = forms.CharField(
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
        kind = entry.indicator.kind
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
            and self.entry.indicator.kind != Indicator.Kind.AMOUNT
            and number != number.to_integral_value()
        ):
            raise forms.ValidationError(_("Een aantal is een heel getal."))
        return number

    def clean(self):
        data = super().clean()
        if data.get("not_applicable") and not (data.get("not_applicable_reason") or "").strip():
            self.add_error(
                "not_applicable_reason",
                _("Geef aan waarom deze indicator niet van toepassing is."),
            )
        return data
