from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from operations import backups


class Command(BaseCommand):
    help = "Replaces the database's contents with a backup made by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--into", help="another database to restore into (default: ours)")
        parser.add_argument("--noinput", action="store_true", help="do not ask to confirm")

    def handle(self, *args, path, into, noinput, **options):
        target = into or connection.settings_dict["NAME"]
        if not noinput:
            answer = input(
                f"Alles in database '{target}' wordt vervangen door {path}.\n"
                "Typ 'herstellen' om door te gaan: "
            )
            if answer.strip() != "herstellen":
                raise CommandError("Niets hersteld.")
        try:
            backups.restore(path, into=into)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Hersteld in '{target}' uit {path}.")
