"""Permission matrix of notifications: everyone has their own list; the mail
outbox is the programme office's."""

from core.testing.matrix import EVERYONE, Case, allow
from notifications.models import Notification, OutgoingMail


def leerling_notification(world):
    notification = Notification.objects.create(recipient=world.leerling, kind="test", title="Kies je opdracht", url="/")
    return {"pk": notification.pk}


def failed_mail(world):
    mail = OutgoingMail.objects.create(
        to=["x@example.nl"], subject="Boeking", body="...", status=OutgoingMail.Status.GAVE_UP, attempts=5
    )
    return {"pk": mail.pk}


MATRIX = {
    "notifications:list": [Case("own notifications", allow(200, who=EVERYONE))],
    "notifications:open": [Case("only the recipient follows it", leerling_notification, allow(302, who={"leerling"}))],
    "notifications:mark_all_read": [Case("own notifications", allow(302, who=EVERYONE), method="post")],
    "notifications:mail_failures": [Case("the office follows up mail", allow(200, who={"bureau"}, denied=403))],
    "notifications:mail_retry": [Case("the office retries", failed_mail, allow(302, who={"bureau"}), method="post")],
}
