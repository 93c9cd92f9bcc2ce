"""Builders for the community in the test world, through the services.
``community(w)`` builds everything once and caches it on the world, so
permission-matrix cases can ask for objects lazily.

    w.material_a   PDF of school A, shared with the school only (author docent)
    w.material_b   file of school B, school only (author docent2)
    w.material_nat link of school A, shared nationally (author docent)
    w.question     asked by docent, answered by docent2 (w.answer)
    w.visit        docent (A) asks to visit school B (requested)
    w.visit_proposed, w.visit_scheduled (date today: findings can be recorded)
    w.meeting_a    network A meeting (netwerkcoach), agenda item w.item_a, action w.action_a (owner docent)
    w.meeting_b    network B meeting (bureau)
    w.group        working group (members docent, docent2) with w.group_meeting
    w.note_a       the coach's note on school A
    w.training     future workshop, capacity 2, docent enrolled
    w.cycle_a      school A's cycle: teachers' and partners' questionnaires open, students' draft
    w.cycle_b      school B's cycle
    w.cycle_action_a owned by docent
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from community.models import Questionnaire
from community.services import consultation, directory, materials, meetings, quality, training

PDF = b"%PDF-1.4\n% test\n"


def pdf_upload(name="rubric.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def share(w, *, user, school, title="Rubric presenteren", scope="school", upload=None, url="", tags="rubric", **kw):
    values = {"description": "", "kind": "rubric"}
    values.update(kw)
    if upload is not None:
        return materials.share_material(
            user,
            school=school,
            title=title,
            sharing_scope=scope,
            tags=tags,
            upload=upload,
            filename=upload.name,
            content_type=upload.content_type,
            **values,
        )
    return materials.share_material(user, school=school, title=title, sharing_scope=scope, tags=tags, url=url, **values)


def moment(days, hour=15):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def plan(user, *, network=None, group=None, title="Netwerkbijeenkomst", days=14, agenda=("Opening",)):
    return meetings.plan_meeting(
        user,
        network=network,
        working_group=group,
        title=title,
        starts_at=moment(days),
        ends_at=moment(days, 17),
        location="Utrecht",
        agenda=list(agenda),
    )


def cycle(w, school):
    return quality.start_cycle(w.bureau, school=school, school_year=w.year)


def questionnaire(cycle_, audience):
    return cycle_.questionnaires.get(audience=audience)


def community(w):
    if getattr(w, "_community", False):
        return w
    today = timezone.localdate()
    w.material_a = share(w, user=w.docent, school=w.school_a, upload=pdf_upload())
    w.material_b = share(
        w, user=w.docent2, school=w.school_b, title="Planbord", upload=pdf_upload("planbord.pdf"), kind="planning"
    )
    w.material_nat = share(
        w, user=w.docent, school=w.school_a, title="Presentatiewijzer", scope="national", url="https://example.org/gids"
    )
    w.question = consultation.ask_question(
        w.docent, school=w.school_a, title="Wie heeft ervaring met een zorgopdracht in leerjaar 1?"
    )
    w.answer = consultation.answer_question(
        w.docent2, w.question, school=w.school_b, body="Wij doen dat met het ziekenhuis."
    )
    w.visit = consultation.request_visit(
        w.docent,
        visitor_school=w.school_a,
        host_school=w.school_b,
        focus_question="Hoe organiseren jullie de presentaties?",
    )
    w.visit_proposed = consultation.request_visit(
        w.docent, visitor_school=w.school_a, host_school=w.school_b, focus_question="Hoe werken jullie met partners?"
    )
    consultation.propose_date(w.docent2, w.visit_proposed, date=today + datetime.timedelta(days=10))
    w.visit_scheduled = consultation.request_visit(
        w.docent, visitor_school=w.school_a, host_school=w.school_b, focus_question="Hoe beoordelen jullie het proces?"
    )
    consultation.propose_date(w.docent2, w.visit_scheduled, date=today)
    consultation.confirm_visit(w.docent, w.visit_scheduled)
    w.meeting_a = plan(w.netwerkcoach, network=w.network_a)
    w.item_a = w.meeting_a.agenda.first()
    w.action_a = meetings.add_action(
        w.netwerkcoach, w.meeting_a, title="Rubric delen", owner=w.docent, due_date=today + datetime.timedelta(days=7)
    )
    w.meeting_b = plan(w.bureau, network=w.network_b, title="Netwerkbijeenkomst Zuid-Holland")
    w.group = meetings.create_working_group(w.bureau, name="Werkgroep LOB", theme="LOB")
    meetings.join_working_group(w.docent, w.group)
    meetings.join_working_group(w.docent2, w.group)
    w.group_meeting = plan(w.bureau, group=w.group, title="Werkgroep LOB: kick-off")
    w.note_a = meetings.add_school_note(
        w.netwerkcoach, w.school_a, kind="support", date=today, body="Team is klein; hulp bij planning."
    )
    w.training = training.create_training(
        w.bureau,
        title="Workshop coachen",
        kind="workshop",
        description="Coachen van teams",
        mandatory_for_new_teams=True,
        starts_at=moment(20),
        ends_at=moment(20, 17),
        location="Utrecht",
        capacity=2,
    )
    training.enrol(w.docent, w.training, school=w.school_a)
    directory.save_profile(
        w.docent, school=w.school_a, listed=True, subjects="Techniek", experience="zorgopdracht leerjaar 1", tags="zorg"
    )
    w.cycle_a = cycle(w, w.school_a)
    w.cycle_b = cycle(w, w.school_b)
    quality.open_questionnaire(w.coordinator, questionnaire(w.cycle_a, Questionnaire.Audience.TEACHERS))
    quality.open_questionnaire(w.coordinator, questionnaire(w.cycle_a, Questionnaire.Audience.PARTNERS))
    w.q_teachers_a = questionnaire(w.cycle_a, Questionnaire.Audience.TEACHERS)
    w.q_partners_a = questionnaire(w.cycle_a, Questionnaire.Audience.PARTNERS)
    w.q_students_a = questionnaire(w.cycle_a, Questionnaire.Audience.STUDENTS)
    w.improvement_a = quality.add_improvement(w.coordinator, w.cycle_a, title="Meer partners in leerjaar 1")
    w.cycle_action_a = quality.add_cycle_action(
        w.coordinator,
        w.cycle_a,
        title="Partnerlijst maken",
        owner=w.docent,
        due_date=today + datetime.timedelta(days=30),
    )
    w._community = True
    return w
