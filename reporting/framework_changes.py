"""A signatory or an indicator added (or given to someone) while a round is open reaches
that round: the new signatory gets its submission, the indicator its entries in the reports
it now applies to. Nothing here ever deletes an answer: deactivating a signatory or taking
an indicator away leaves what was written.

Receivers on the framework's and the organisations' models (reporting depends on them, not
the other way round); they act after the change commits, as the admin saves a signatory and
its many-to-many choices in two steps.
"""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from indicators.models import Indicator
from signatories.models import Signatory

from . import services
from .models import ReportingRound


def _open_rounds(plan=None):
    rounds = ReportingRound.objects.filter(state=ReportingRound.State.OPEN)
    return rounds.filter(plan=plan) if plan is not None else rounds


def bring_signatory_into_open_rounds(signatory: Signatory) -> None:
    if not signatory.is_active:
        return
    for round in _open_rounds():
        services.ensure_submission(round=round, signatory=signatory)


def bring_indicator_into_open_rounds(indicator: Indicator) -> None:
    # Whom it applies to: named for the signatory, or for its kind (as applicable_to).
    concerned = Signatory.objects.filter(
        Q(indicators=indicator) | Q(kind__indicators=indicator)
    ).distinct()
    for round in _open_rounds(indicator.plan_id):
        for signatory in concerned.filter(submissions__round=round):
            services.ensure_submission(round=round, signatory=signatory)


@receiver(post_save, sender=Signatory, dispatch_uid="reporting_signatory_saved")
def signatory_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        transaction.on_commit(lambda: bring_signatory_into_open_rounds(instance))


@receiver(m2m_changed, sender=Indicator.signatories.through, dispatch_uid="reporting_ind_sig")
@receiver(m2m_changed, sender=Indicator.signatory_kinds.through, dispatch_uid="reporting_ind_kind")
def indicator_given(sender, instance, action, reverse, pk_set, **kwargs):
    if action != "post_add":
        return
    # `reverse`: added from the signatory's or the kind's side; pk_set holds indicators.
    indicators = Indicator.objects.filter(pk__in=pk_set) if reverse else [instance]
    for indicator in indicators:
        transaction.on_commit(
            lambda indicator=indicator: bring_indicator_into_open_rounds(indicator)
        )
