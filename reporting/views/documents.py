"""An organisation's own report as PDF or Word (reporting.annex.own)."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ..access import get_submission_for_user
from ..annex import own
from ..annex.errors import AnswerError
from ..annex.pdf import RenderError

logger = logging.getLogger(__name__)


@login_required
def submission_document(request, pk, format):
    """Its editors (and coordinators) download the report in its current state."""
    submission = get_submission_for_user(request.user, pk)
    try:
        data, content_type, name = own.render(submission, format)
    except (RenderError, AnswerError) as error:
        logger.exception("own document of submission %s failed", submission.pk)
        messages.error(
            request,
            _("Het document kon niet worden gemaakt (%(error)s). Probeer het later opnieuw.")
            % {"error": error},
        )
        return redirect("reporting:submission", pk=submission.pk)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
