from django.core.management.base import BaseCommand, CommandError

from operations import backups


class Command(BaseCommand):
    help = "Writes a backup of the database (pg_dump, custom format) to a folder."

    def add_arguments(self, parser):
        parser.add_argument("--folder", default="backups")

    def handle(self, *args, folder, **options):
        try:
            path = backups.backup(folder)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Back-up geschreven: {path} ({path.stat().st_size:,} bytes)")
