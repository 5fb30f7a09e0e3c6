"""The compiled annex as a page in the portal."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import publishing
from ..access import get_round_for_annex, is_coordinator_user
from ..annex import content
from ..forms import EditionForm
from .publishing import render_published


@login_required
def annex_page(request, pk):
    """Coordinators: the live annex (approved answers, or the concept with all), the
    files, and the round's publication. Everyone else: the published version."""
    concept = request.GET.get("concept") == "1"
    round = get_round_for_annex(request.user, pk, concept=concept)
    if not is_coordinator_user(request.user):
        return render_published(request, round)
    context = {
        "annex": content.build(round, concept=concept),
        "editions": round.editions.order_by("-requested_at"),
        "form": EditionForm(round=round, initial={"concept": concept}),
        "publication": publishing.current(round),
        "versions": round.publications.all(),
    }
    return render(request, "reporting/annex/page.html", context)
