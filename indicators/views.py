from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.log import record
from signatories.permissions import maintains_framework

from . import copying
from .forms import PlanCopyForm, applicability_formset
from .models import ActionPlan, Theme


@login_required
def framework(request, code=None):
    plans = ActionPlan.objects.all()
    plan = get_object_or_404(ActionPlan, code=code) if code else plans.first()
    themes = Theme.objects.framework_tree(plan) if plan else []
    return render(
        request,
        "indicators/framework.html",
        {
            "plan": plan,
            "plans": plans,
            "themes": themes,
            "maintains": maintains_framework.test(request.user),
        },
    )


def _plan_for_maintainer(user, code):
    if not maintains_framework.test(user):
        raise PermissionDenied(_("Alleen coördinatoren beheren het kader."))
    return get_object_or_404(ActionPlan, code=code)


@login_required
def applicability(request, code):
    """Per indicator of one plan: to which kinds of signatories and which signatories it
    applies. A change reaches open rounds at once (reporting.framework_changes); taking an
    indicator away never deletes an answer."""
    plan = _plan_for_maintainer(request.user, code)
    formset = applicability_formset(plan, request.POST or None)
    if request.method == "POST" and formset.is_valid():
        changed = [form.instance for form in formset.forms if form.has_changed()]
        formset.save()
        for indicator in changed:
            record("applicability_changed", actor=request.user, obj=indicator)
        messages.success(
            request,
            ngettext(
                "%(count)s indicator bijgewerkt.", "%(count)s indicatoren bijgewerkt.", len(changed)
            )
            % {"count": len(changed)},
        )
        return redirect("indicators:applicability", code=plan.code)
    return render(request, "indicators/applicability.html", {"plan": plan, "formset": formset})


@login_required
def plan_copy(request, code):
    """Start the next plan from this one's framework."""
    plan = _plan_for_maintainer(request.user, code)
    form = PlanCopyForm(
        request.POST or None,
        initial={"first_year": plan.last_year + 1, "last_year": plan.last_year + 4},
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = copying.copy_plan(plan=plan, by=request.user, **form.cleaned_data)
        except copying.CopyError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(code)s is aangemaakt als kopie van %(source)s. Pas het kader nu aan.")
                % {"code": new.code, "source": plan.code},
            )
            return redirect("indicators:framework_plan", code=new.code)
    return render(request, "indicators/plan_copy.html", {"plan": plan, "form": form})
