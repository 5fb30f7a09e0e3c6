from celery import shared_task

from . import services


@shared_task(name="outbox.send_mails")
def send_mails(*, mail_ids):
    for mail_id in mail_ids:
        services.send(mail_id)


@shared_task(name="outbox.sweep")
def sweep():
    return services.sweep()
