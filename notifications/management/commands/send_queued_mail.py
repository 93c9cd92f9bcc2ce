from django.core.management.base import BaseCommand

from notifications.outbox import retry_due


class Command(BaseCommand):
    help = "Try again the e-mails whose next attempt is due (run every few minutes, e.g. from cron)."

    def handle(self, *args, **options):
        sent, failed = retry_due()
        self.stdout.write(f"{sent} sent, {failed} still failing")
