"""The community's front page: what is new and where to go."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from community import access


@login_required
@require_GET
def home(request):
    access.require_member(request.user)
    now = timezone.now()
    context = {
        "questions": access.visible_questions(request.user).select_related("school")[:5],
        "meetings": access.visible_meetings(request.user)
        .filter(ends_at__gte=now)
        .select_related("network", "working_group")
        .order_by("starts_at")[:5],
        "trainings": access.visible_trainings(request.user).filter(starts_at__gte=now, cancelled=False)[:5],
        "networks": access.visible_networks(request.user).order_by("name")[:10],
        "note_schools": []
        if access.is_coach_or_office(request.user)
        else access.visible_note_schools(request.user).order_by("name")[:10],
        "is_coach": access.is_coach_or_office(request.user),
        "is_staff": access.can_ask(request.user),
        "open_questionnaires": access.open_questionnaires_for(request.user)[:5],
    }
    return render(request, "community/home.html", context)
