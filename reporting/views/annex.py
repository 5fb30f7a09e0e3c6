"""The compiled annex as a page in the portal."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..access import get_round_for_annex
from ..annex import content


@login_required
def annex_page(request, pk):
    concept = request.GET.get("concept") == "1"
    round = get_round_for_annex(request.user, pk, concept=concept)
    return render(
        request, "reporting/annex/page.html", {"annex": content.build(round, concept=concept)}
    )
