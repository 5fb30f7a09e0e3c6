from celery import shared_task

from . import reminders


@shared_task(name="reporting.send_reminders")
def send_reminders():
    return reminders.send_reminders()
