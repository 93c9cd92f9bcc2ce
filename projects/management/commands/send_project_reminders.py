from django.core.management.base import BaseCommand

from projects.notifications import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the project reminders that are due (the choice deadline near, a phase deadline near). "
        "Each goes out once, however often this runs (e.g. hourly from cron)."
    )

    def handle(self, *args, **options):
        notices = send_due_reminders()
        for notice in notices:
            self.stdout.write(f"{notice.key}: {notice.recipients}")
        self.stdout.write(f"{len(notices)} reminders sent")
