from celery import shared_task
from django.conf import settings

from . import reminders
from .annex import editions, fanout


@shared_task(name="reporting.send_reminders")
def send_reminders():
    return reminders.send_reminders()


@shared_task(name="reporting.compile_edition", time_limit=settings.EDITION_TIME_LIMIT)
def compile_edition(pk):
    editions.compile_edition(edition_id=pk)


# The fan-out (annex/fanout.py): parts on any worker, then the assembly. Late
# acknowledgement (settings) hands a part whose worker died to another.
@shared_task(name="reporting.render_section", time_limit=settings.EDITION_TIME_LIMIT)
def render_section(pk, key):
    fanout.render_section(pk, key)


@shared_task(name="reporting.assemble_edition", time_limit=settings.EDITION_TIME_LIMIT)
def assemble_edition(pk):
    editions.assemble_edition(edition_id=pk)


@shared_task(name="reporting.sweep_editions")
def sweep_editions():
    return editions.sweep()
