from celery import shared_task

from . import editions, reminders


@shared_task(name="reporting.send_reminders")
def send_reminders():
    return reminders.send_reminders()


@shared_task(name="reporting.compile_edition")
def compile_edition(pk):
    editions.compile_edition(pk)
