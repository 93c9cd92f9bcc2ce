import datetime

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django.utils import timezone

from core.mail import send_templated
from notifications import outbox, services
from notifications.models import Notification, OutgoingMail

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 12, 1, 9, 0))


class Down(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp.example.nl:587 refused the connection")


def test_a_mail_is_recorded_and_sent():
    assert outbox.deliver("Boeking bevestigd", "Tot dan.\n", ["a@example.nl"], source="partners/email/x.txt") == 1
    [sent] = mail.outbox
    assert sent.subject == "Boeking bevestigd" and sent.to == ["a@example.nl"]
    row = OutgoingMail.objects.get()
    assert row.status == OutgoingMail.Status.SENT and row.attempts == 1 and row.source == "partners/email/x.txt"


def test_a_subject_with_a_line_break_is_sent_on_one_line():
    """An offer title with a bare carriage return made every booking mail fail (BadHeaderError)."""
    assert outbox.deliver("Gastles\rbij Van Dijk\nbevestigd", "…", ["a@example.nl"]) == 1
    assert mail.outbox[0].subject == "Gastles bij Van Dijk bevestigd"


@override_settings(EMAIL_BACKEND="notifications.tests.test_notifications.Down")
def test_a_failing_mail_is_retried_with_growing_pauses_then_shown_to_the_office():
    assert outbox.deliver("Boeking", "…", ["a@example.nl"], now=NOW) == 0
    row = OutgoingMail.objects.get()
    assert row.status == OutgoingMail.Status.RETRYING
    assert row.next_attempt_at == NOW + datetime.timedelta(minutes=5)
    assert "refused" in row.last_error
    moment = NOW
    for pause in outbox.RETRY_AFTER[1:]:
        moment = row.next_attempt_at
        assert outbox.retry_due(now=moment - datetime.timedelta(seconds=1)) == (0, 0)  # not due yet
        assert outbox.retry_due(now=moment) == (0, 1)
        row.refresh_from_db()
        assert row.next_attempt_at == moment + pause
    outbox.retry_due(now=row.next_attempt_at)
    row.refresh_from_db()
    assert row.status == OutgoingMail.Status.GAVE_UP and row.attempts == len(outbox.RETRY_AFTER) + 1
    assert row.next_attempt_at is None


def test_a_retried_mail_goes_out_when_the_server_is_back():
    with override_settings(EMAIL_BACKEND="notifications.tests.test_notifications.Down"):
        outbox.deliver("Boeking", "…", ["a@example.nl"], now=NOW)
    assert outbox.retry_due(now=NOW + datetime.timedelta(minutes=5)) == (1, 0)
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.SENT
    assert len(mail.outbox) == 1


LOCMEM_TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [("django.template.loaders.locmem.Loader", {"mail.txt": "Boeking {{ name }}\n\nBeste school,"})]
        },
    }
]


@override_settings(TEMPLATES=LOCMEM_TEMPLATES)
def test_templated_mail_goes_through_the_outbox():
    assert send_templated("mail.txt", {"name": "bevestigd"}, ["school@example.nl"], "nl") == 1
    row = OutgoingMail.objects.get()
    assert row.subject == "Boeking bevestigd" and row.to == ["school@example.nl"] and row.source == "mail.txt"
    assert row.status == OutgoingMail.Status.SENT


def test_notifications_in_each_recipients_language_never_to_the_actor(world):
    world.docent2.preferred_language = "en"
    world.docent2.save(update_fields=["preferred_language"])
    from django.utils.translation import gettext as _

    made = services.notify(
        [world.docent, world.docent2, world.leerling],
        kind="test",
        title=lambda: _("Notifications"),
        url="/projecten/",
        actor=world.leerling,
    )
    titles = {n.recipient.username: n.title for n in made}
    assert titles == {"docent": "Meldingen", "docent2": "Notifications"}


def test_only_own_notifications_are_marked_read(world):
    mine = Notification.objects.create(recipient=world.leerling, kind="x", title="a")
    other = Notification.objects.create(recipient=world.leerling2, kind="x", title="b")
    assert services.mark_read(world.leerling, ids=[mine.pk, other.pk]) == 1
    other.refresh_from_db()
    assert other.read_at is None
    assert services.unread_count(world.leerling) == 0 and services.unread_count(world.leerling2) == 1


def test_the_bell_shows_the_unread_count_and_the_list_opens_them(world, login):
    Notification.objects.create(recipient=world.leerling, kind="x", title="Kies je opdracht", url="/projecten/")
    client = login(world.leerling)
    page = client.get("/dashboard/").content.decode()
    assert 'class="bell-count">1<' in page
    listing = client.get("/meldingen/").content.decode()
    assert "Kies je opdracht" in listing
    notification = Notification.objects.get()
    response = client.get(f"/meldingen/{notification.pk}/")
    assert response.status_code == 302 and response.url == "/projecten/"
    assert 'class="bell-count"' not in client.get("/dashboard/").content.decode()


def test_a_notification_never_sends_someone_off_site(world, login):
    notification = Notification.objects.create(
        recipient=world.leerling, kind="x", title="a", url="https://evil.example/"
    )
    response = login(world.leerling).get(f"/meldingen/{notification.pk}/")
    assert response.url == "/meldingen/"


def test_the_office_sees_undelivered_mail_and_retries_it(world, login):
    with override_settings(EMAIL_BACKEND="notifications.tests.test_notifications.Down"):
        outbox.deliver("Uitnodiging", "…", ["kapot@example.nl"])
    client = login(world.bureau)
    page = client.get("/meldingen/e-mail/").content.decode()
    assert "kapot@example.nl" in page and "refused" in page
    row = OutgoingMail.objects.get()
    client.post(f"/meldingen/e-mail/{row.pk}/opnieuw/")
    row.refresh_from_db()
    assert row.status == OutgoingMail.Status.SENT
    assert "Alle e-mail is afgeleverd." in client.get("/meldingen/e-mail/").content.decode()
