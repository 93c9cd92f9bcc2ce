"""E-mails where a person must act on something in the assignment library.

* ``challenge_submitted``: a partner posted a challenge → the network coaches
  who can see it, each in their own language.
* ``challenge_taken_up``: a teacher turned a challenge into an assignment →
  the partner's contacts (in Dutch: contacts have no language preference).
* ``assignment_adopted``: another school adopted an assignment → its author,
  in their language.

Who is told is decided in ``assignments/access.py`` (``*_recipients``), from
the same rules that decide who may open the page a mail links to.

The domain functions call these inside their transaction; each enqueues a
django-tasks task (inline in development and tests; with the database backend
the task row commits with the change). The task renders the text templates in
``assignments/templates/assignments/email/`` (first line: subject) and sends
with ``core.mail.send_templated``. The actor never gets a mail about their own action.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from assignments import access
from core.mail import is_muted, send_templated


def challenge_submitted(challenge, actor):
    if not is_muted():
        send_challenge_submitted_mail.enqueue(challenge.pk, actor.pk)


def challenge_taken_up(assignment, actor):
    if not is_muted():
        send_challenge_taken_up_mail.enqueue(assignment.pk, actor.pk)


def assignment_adopted(copy, actor):
    if not is_muted():
        send_assignment_adopted_mail.enqueue(copy.pk, actor.pk)


def _link(name, pk) -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/") + reverse(name, args=[pk])


def _send(template, context, addresses, language) -> int:
    return send_templated(f"assignments/email/{template}.txt", context, addresses, language)


@task()
def send_challenge_submitted_mail(challenge_id: int, actor_id: int) -> int:
    from assignments.models import Challenge

    challenge = Challenge.objects.select_related("partner").filter(pk=challenge_id).first()
    if challenge is None:
        return 0
    link = _link("assignments:challenge_detail", challenge.pk)
    sent = 0
    for coach in access.challenge_submitted_recipients(challenge, actor_id=actor_id):
        language = coach.preferred_language or "nl"
        with translation.override(language):
            offers = challenge.get_partner_offers_display()
        context = {"challenge": challenge, "offers": offers, "link": link, "recipient": coach}
        sent += _send("challenge_submitted", context, [coach.email], language)
    return sent


@task()
def send_challenge_taken_up_mail(assignment_id: int, actor_id: int) -> int:
    from assignments.models import Assignment

    assignment = (
        Assignment.objects.select_related("challenge__partner", "owner_school")
        .filter(pk=assignment_id, challenge__isnull=False)
        .first()
    )
    if assignment is None:
        return 0
    challenge = assignment.challenge
    actor = get_user_model().objects.filter(pk=actor_id).first()
    addresses = access.challenge_taken_up_recipients(challenge, actor=actor)
    if not addresses:
        return 0
    context = {
        "assignment": assignment,
        "challenge": challenge,
        "school": assignment.owner_school,
        "link": _link("assignments:challenge_detail", challenge.pk),
    }
    # Partner contacts have no language preference on record: Dutch.
    return _send("challenge_taken_up", context, addresses, "nl")


@task()
def send_assignment_adopted_mail(copy_id: int, actor_id: int) -> int:
    from assignments.models import Assignment

    copy = (
        Assignment.objects.select_related("owner_school", "adopted_from__author")
        .filter(pk=copy_id, adopted_from__isnull=False)
        .first()
    )
    if copy is None:
        return 0
    original = copy.adopted_from
    sent = 0
    for author in access.assignment_adopted_recipients(original, actor_id=actor_id):
        context = {
            "original": original,
            "school": copy.owner_school,
            "recipient": author,
            "link": _link("assignments:detail", original.pk),
        }
        sent += _send("assignment_adopted", context, [author.email], author.preferred_language or "nl")
    return sent
