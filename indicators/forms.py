from django import forms
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from signatories.models import Signatory, SignatoryKind

from .models import ActionPlan, Indicator


class PlanCopyForm(forms.Form):
    code = forms.CharField(
        label=_("Code van het nieuwe plan"), max_length=40, help_text="NAP1325-V"
    )
    title = forms.CharField(label=_("Titel"), max_length=300)
    first_year = forms.IntegerField(
        label=_("Eerste rapportagejaar"), min_value=2000, max_value=2100
    )
    last_year = forms.IntegerField(
        label=_("Laatste rapportagejaar"), min_value=2000, max_value=2100
    )


class ApplicabilityForm(forms.ModelForm):
    """To whom one indicator applies: kinds of signatories, and signatories by name."""

    class Meta:
        model = Indicator
        fields = ["signatory_kinds", "signatories"]
        widgets = {
            "signatory_kinds": forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
            "signatories": forms.SelectMultiple(attrs={"size": 4, "class": "form-select"}),
        }

    def __init__(self, *args, kinds, signatories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signatory_kinds"].queryset = kinds
        self.fields["signatories"].queryset = signatories
        self.fields["signatory_kinds"].label = _("Soorten")
        self.fields["signatories"].label = _("Ondertekenaars bij naam")


ApplicabilityFormSet = modelformset_factory(Indicator, form=ApplicabilityForm, extra=0)


def applicability_formset(plan: ActionPlan, data=None):
    kinds = SignatoryKind.objects.all()
    signatories = Signatory.objects.active().in_annex_order()
    return ApplicabilityFormSet(
        data,
        queryset=Indicator.objects.filter(plan=plan)
        .select_related("goal", "subgoal")
        .prefetch_related("signatories", "signatory_kinds"),
        form_kwargs={"kinds": kinds, "signatories": signatories},
    )
