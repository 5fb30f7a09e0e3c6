from celery import shared_task
from django.conf import settings

from . import reminders
from .annex import editions


@shared_task(name="reporting.send_reminders")
def send_reminders():
    return reminders.send_reminders()


@shared_task(name="reporting.compile_edition", time_limit=settings.EDITION_TIME_LIMIT)
def compile_edition(pk):
    editions.compile_edition(edition_id=pk)


@shared_task(name="reporting.sweep_editions")
def sweep_editions():
    return editions.sweep()
