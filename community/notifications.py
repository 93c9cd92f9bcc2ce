"""Telling people where they must act: an in-app notification (the bell) and
an e-mail through the outbox, in each recipient's language.

Every message lives here, keyed by event, as (title, body) functions of a
dict of plain values, so the notification and the mail say the same thing.
Recipients come from the ``*_recipients`` rules in ``community/access.py``."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from core.mail import is_muted, send_templated
from notifications.services import notify

MESSAGES = {
    "answer_posted": (
        lambda p: _("New answer to your question “%(title)s”") % p,
        lambda p: _("%(name)s answered your question. Read the answer and mark the best one.") % p,
    ),
    "best_answer": (
        lambda p: _("Your answer to “%(title)s” was marked as the best answer") % p,
        lambda p: _("%(name)s marked your answer as the best one. Thank you for helping a colleague.") % p,
    ),
    "visit_requested": (
        lambda p: _("%(school)s asks to visit your school") % p,
        lambda p: (
            _(
                "A colleague of %(school)s asks for a consultation visit with the focus question: %(focus)s. "
                "Accept and propose a date, or decline."
            )
            % p
        ),
    ),
    "visit_proposed": (
        lambda p: _("%(school)s proposes %(date)s for your consultation visit") % p,
        lambda p: _("Confirm the date so the visit is scheduled.") % p,
    ),
    "visit_declined": (
        lambda p: _("%(school)s cannot receive your consultation visit") % p,
        lambda p: _("Read their message; you can ask another school.") % p,
    ),
    "visit_scheduled": (
        lambda p: _("Consultation visit on %(date)s is scheduled") % p,
        lambda p: _("%(school)s confirmed the date. After the visit, record the findings and agreements.") % p,
    ),
    "visit_cancelled": (
        lambda p: _("%(school)s cancelled the consultation visit") % p,
        lambda p: _("The visit will not take place.") % p,
    ),
    "visit_reported": (
        lambda p: _("Findings of the consultation visit with %(school)s") % p,
        lambda p: _("The findings and agreements of the visit have been recorded. Read them and follow up.") % p,
    ),
    "meeting_planned": (
        lambda p: _("New meeting: %(title)s on %(date)s") % p,
        lambda p: _("Read the agenda and confirm whether your school will attend.") % p,
    ),
    "action_assigned": (
        lambda p: _("Action for you: %(title)s") % p,
        lambda p: _("You own this action (due %(date)s). Update its status when you have worked on it.") % p,
    ),
    "waitlist_promoted": (
        lambda p: _("A place has become free: you are enrolled for “%(title)s”") % p,
        lambda p: _("You moved up from the waiting list for %(date)s. Cancel in time if you cannot come.") % p,
    ),
    "questionnaire_opened": (
        lambda p: _("Questionnaire for the quality cycle: %(title)s") % p,
        lambda p: _("Your school asks what works well. Answering takes five minutes and is anonymous.") % p,
    ),
}


def tell(users, key: str, params: dict, url: str, *, actor=None, now=None) -> None:
    """Notify ``users`` in the platform and by e-mail (never the actor).
    Nothing at all while mail is muted (the demo seeders): a seeded bell full
    of events nobody caused would only confuse."""
    users = [u for u in users if u is not None and u.is_active and (actor is None or u.pk != actor.pk)]
    if not users or is_muted():
        return
    title, _body = MESSAGES[key]
    notify(users, kind=f"community.{key}", title=lambda: title(params), url=url, actor=actor, now=now)
    send_community_mail.enqueue(key, params, url, [u.pk for u in users if u.email])


@task()
def send_community_mail(key: str, params: dict, url: str, user_ids: list) -> int:
    title, body = MESSAGES[key]
    link = getattr(settings, "SITE_URL", "").rstrip("/") + url
    sent = 0
    for user in get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk"):
        language = user.preferred_language or "nl"
        with translation.override(language):
            context = {"subject": title(params), "body": body(params), "link": link}
        sent += send_templated("community/email/message.txt", context, [user.email], language)
    return sent
