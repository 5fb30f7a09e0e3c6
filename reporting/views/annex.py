"""The compiled annex as a page in the portal."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..access import get_round_for_annex, is_coordinator_user
from ..annex import content
from ..forms import EditionForm


@login_required
def annex_page(request, pk):
    concept = request.GET.get("concept") == "1"
    round = get_round_for_annex(request.user, pk, concept=concept)
    context = {"annex": content.build(round, concept=concept)}
    editions = round.editions.order_by("-requested_at")
    if is_coordinator_user(request.user):
        context["form"] = EditionForm(round=round, initial={"concept": concept})
    else:
        editions = editions.exclude(published_at=None)
    context["editions"] = editions
    return render(request, "reporting/annex/page.html", context)
