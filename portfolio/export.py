"""The student's own portfolio data as a machine-readable document (AVG:
right of access, art. 15, and data portability, art. 20).

Everything about the student in the portfolio: experiences with their
reflections, affinity scores and interview answers, qualities others gave
and the student gave, career conversations, the transfer dossier details.
Private coach notes are not part of it: they are the coach's working notes,
not shared with the student (see portfolio.models.CoachNote).
"""

from django.utils import timezone

from organisation.models import Enrolment
from portfolio.choices import motive_label, quality_label
from portfolio.models import (
    CareerConversation,
    Experience,
    QualityEndorsement,
    SectorAffinity,
    TransferDetails,
    TransferDossier,
)
from portfolio.services import REFLECTION_TEXT_FIELDS

SCHEMA = "https://techmakers.nl/schemas/portfolio-export"
SCHEMA_VERSION = "1.0"


def _date(value):
    return value.isoformat() if value else None


def export_portfolio(student) -> dict:
    experiences = (
        Experience.objects.filter(student=student)
        .select_related("reflection", "partner")
        .prefetch_related("sectors")
        .order_by("date", "id")
    )
    scores = {}
    for a in SectorAffinity.objects.filter(student=student).select_related("sector"):
        scores.setdefault(a.experience_id, []).append(
            {"sector": a.sector.slug, "name": a.sector.name, "score": a.score}
        )
    items = []
    for e in experiences:
        r = e.reflection
        items.append(
            {
                "id": e.pk,
                "kind": e.kind,
                "kind_label": str(e.get_kind_display()),
                "title": e.title,
                "date": _date(e.date),
                "place": e.place,
                "partner": e.partner.name if e.partner else None,
                "sectors": [s.slug for s in e.sectors.all()],
                "added_automatically": e.is_automatic,
                "source": e.source_key or None,
                "details": e.details,
                "reflection": {
                    **{name: getattr(r, name) for name in REFLECTION_TEXT_FIELDS},
                    "qualities": [{"code": q, "label": str(quality_label(q))} for q in r.qualities],
                    "motives": [{"code": m, "label": str(motive_label(m))} for m in r.motives],
                    "interview": [{"question": q, "answer": a} for q, a in r.interview],
                    "handed_in_at": _date(r.submitted_at),
                    "prepared_at": _date(e.prepared_at),
                    "looked_back_at": _date(e.reflected_at),
                    "unsaved_draft": r.draft if r.has_draft else None,
                },
                "affinity": scores.get(e.pk, []),
            }
        )
    received = QualityEndorsement.objects.filter(student=student).select_related("given_by").order_by("created_at")
    given = QualityEndorsement.objects.filter(given_by=student).select_related("student").order_by("created_at")
    conversations = CareerConversation.objects.filter(student=student).select_related("coach").order_by("date")
    details = TransferDetails.objects.filter(student=student).select_related("mentor").first()
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "exported_at": timezone.now().isoformat(),
        "student": {
            "username": student.username,
            "first_name": student.first_name,
            "last_name": student.last_name,
            "email": student.email,
        },
        "enrolments": [
            {
                "school_year": e.school_year.name,
                "school": e.school.name,
                "class": e.class_group.name if e.class_group else None,
                "level": e.level.name,
                "leerjaar": e.leerjaar,
            }
            for e in Enrolment.objects.filter(student=student)
            .select_related("school_year", "school", "class_group", "level")
            .order_by("school_year__start_date")
        ],
        "experiences": items,
        "qualities_received": [
            {
                "code": e.quality,
                "label": str(quality_label(e.quality)),
                "role": e.role,
                "given_by": e.given_by.get_full_name(),
                "experience_id": e.experience_id,
                "date": _date(e.created_at),
            }
            for e in received
        ],
        "qualities_given": [
            {
                "code": e.quality,
                "label": str(quality_label(e.quality)),
                "to": e.student.get_full_name(),
                "date": _date(e.created_at),
            }
            for e in given
        ],  # fmt: skip
        "career_conversations": [
            {
                "date": _date(c.date),
                "coach": c.coach.get_full_name() if c.coach else None,
                "experience_id": c.experience_id,
                "shared": c.shared,
                "feedback": c.feedback,
                "next_step": c.next_step,
            }
            for c in conversations
        ],
        "transfer_dossier": {
            "chosen_study": details.chosen_study,
            "motivation": details.motivation,
            "selected_experience_ids": details.experience_ids,
            "mentor_advice": details.mentor_advice,
            "mentor": details.mentor.get_full_name() if details.mentor else None,
            "consent_for_mentor_advice": details.consent,
            "consent_given_at": _date(details.consent_at),
            "generated_pdfs": [
                {"created_at": _date(d.created_at), "status": d.status}
                for d in TransferDossier.objects.filter(student=student)
            ],
        }
        if details
        else None,
    }
