"""Issue 11 (7-10) and issue 13 (10, 11) for the portfolio: reflection
before/during/after saved on its own and complete by the part that fits the
date; one reflection per project; the form in steps; the coach's voice;
bounded drafts; the export not stored."""

import datetime
import re

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from portfolio import panels, services, steps
from portfolio.dossier import dossier_context, render_pdf
from portfolio.models import Experience
from portfolio.tests.factories import ExperienceFactory, domain, reflected
from portfolio.tests.pdftext import pdf_text
from portfolio.tests.test_views import post_step, version_of

pytestmark = pytest.mark.django_db


def at(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def day():
    """The day of the experience: ten days from now (the clock is the test's own)."""
    return timezone.localdate() + datetime.timedelta(days=10)


@pytest.fixture
def student(world):
    client = Client()
    client.force_login(world.leerling)
    return client


def taster_day(world, date):
    return ExperienceFactory(
        student=world.leerling, kind="meeloopdag", title="Meeloopdag MBO Utrecht", date=date, sectors=["techniek"]
    )


def panel(world, today):
    request = RequestFactory().get("/")
    request.user = world.leerling
    return panels.my_richtingsgevoel(request, None, today=today)


# --- 11.7 Each part on its own; complete by the part that fits the date ------------------


def test_only_before_for_a_future_experience_is_prepared_not_reflected(world, student, day):
    experience = taster_day(world, day)
    url = reverse("portfolio:reflect", args=[experience.pk])
    response = post_step(student, url, {"step": "vooraf", "goals": "Zien hoe de werkplaats werkt"})
    assert response.status_code == 302
    experience.refresh_from_db()
    assert experience.prepared_at is not None and experience.reflected_at is None
    assert experience.is_complete(timezone.localdate())  # before the day, before is what fits
    home = student.get(reverse("portfolio:home")).content.decode()
    item = home[home.index("Meeloopdag MBO Utrecht") :]
    item = item[: item.index("</li>")]
    assert "Voorbereid" in item and "Gereflecteerd" not in item
    # The old service used by imports: "before" alone never marks it reflected either.
    services.submit_reflection(
        world.leerling, experience, texts={"goals": "x"}, qualities=[], motives=[], affinities={}
    )
    experience.refresh_from_db()
    assert experience.reflected_at is None
    # The dossier does not print it as done: left out, or (when the student picks it) marked.
    assert experience not in dossier_context(world.leerling)["experiences"]
    services.save_transfer_details(
        world.leerling, chosen_study="", motivation="", experience_ids=[experience.pk], consent=False
    )
    text = pdf_text(render_pdf(world.leerling))
    assert "Meeloopdag MBO Utrecht" in text and "Voorbereid; nog niet op teruggekeken." in text
    # From the day on, the part that fits is "after": no longer complete.
    assert not experience.is_complete(day)
    assert experience.reflection_state(day) == "to_look_back"


def test_after_part_is_done_with_what_happened_and_every_sector_scored(world, day):
    experience = taster_day(world, day)
    first = steps.BY_SLUG["terugblik"]
    services.save_reflection_step(
        world.leerling, experience, first, values={"what_happened": "Gelast"}, now=at(day, 16), today=day
    )
    experience.refresh_from_db()
    assert experience.reflected_at is None  # a sector still without a score
    services.save_reflection_step(
        world.leerling,
        experience,
        steps.BY_SLUG["sectoren"],
        values={},
        affinities={domain("techniek"): 4},
        now=at(day, 17),
        today=day,
    )
    experience.refresh_from_db()
    assert experience.reflected_at == at(day, 17) and experience.is_complete(day)


def test_dashboard_asks_to_prepare_until_the_day_and_to_look_back_from_the_day(world, day):
    experience = taster_day(world, day)
    before = day - datetime.timedelta(days=3)
    assert panel(world, before)["upcoming"] == experience and panel(world, before)["latest"] is None
    services.save_reflection_step(
        world.leerling, experience, steps.BEFORE, values={"goals": "Vragen stellen"}, now=at(before), today=before
    )
    experience.refresh_from_db()
    # Prepared: nothing to ask until the day.
    assert panel(world, before)["upcoming"] is None and panel(world, before)["latest"] is None
    # On the day: look back.
    assert panel(world, day)["latest"] == experience


# --- 11.8 One reflection per project ---------------------------------------------------------


def test_team_closing_reflection_is_the_portfolio_reflection(world, student):
    from projects import services as projects
    from projects.models import Phase, TeamMembership
    from projects.tests.factories import project_a, set_phase

    project_a(world)
    team = set_phase(world.team_a, Phase.TERUGKIJKEN)
    membership = TeamMembership.objects.get(team=team, student=world.leerling)
    projects.submit_reflection(
        world.leerling, membership, product="Het bord werkt.", process="Goed gepland.", own_actions="Ik plande."
    )
    experience = Experience.objects.get(student=world.leerling, source_key=f"projects.teammembership:{membership.pk}")
    assert experience.reflected_at is not None
    assert experience.is_complete(timezone.localdate())
    # Not asked again: not on the to-do list, not on the dashboard.
    home = student.get(reverse("portfolio:home")).content.decode()
    assert "Nog te reflecteren" not in home or experience.title not in home.split("Nog te reflecteren")[1][:400]
    assert panel(world, timezone.localdate())["latest"] != experience
    # Shown in the portfolio, and the form does not ask for the look back again.
    detail = student.get(experience.get_absolute_url()).content.decode()
    assert "Terugkijken in het project" in detail and "Ik plande." in detail
    form = student.get(reverse("portfolio:reflect", args=[experience.pk])).content.decode()
    assert "Ik plande." in form and 'name="what_happened"' not in form
    # Written once: a change in the project shows in the portfolio.
    projects.submit_reflection(
        world.leerling, membership, product="Het bord werkt.", process="Goed gepland.", own_actions="Ik bouwde."
    )
    assert "Ik bouwde." in student.get(experience.get_absolute_url()).content.decode()


# --- 11.9 The form in steps, only the parts that fit ------------------------------------------


def test_steps_fit_the_date(day):
    exp = Experience(kind="open_dag", date=day, details={})
    slugs = lambda today: [s.slug for s in steps.steps_for(exp, today, has_sectors=True)]  # noqa: E731
    assert slugs(day - datetime.timedelta(days=1)) == ["vooraf"]
    after = ["terugblik", "sectoren", "evaluatie", "loopbaan", "kwaliteiten", "motieven"]
    assert slugs(day) == ["tijdens", *after]
    assert slugs(day + datetime.timedelta(days=1)) == after


def test_form_shows_one_step_with_progress_and_only_fitting_fields(world, student, day):
    future = taster_day(world, day)
    page = student.get(reverse("portfolio:reflect", args=[future.pk])).content.decode()
    assert "Stap 1 van 1: Vooraf: voorbereiden" in page
    assert 'name="goals"' in page and 'name="what_happened"' not in page and 'name="kwaliteiten"' not in page
    past = taster_day(world, day - datetime.timedelta(days=30))
    url = reverse("portfolio:reflect", args=[past.pk])
    page = student.get(url).content.decode()
    assert "Stap 1 van 6: Wat er gebeurde" in page
    assert 'name="what_happened"' in page and 'name="goals"' not in page and 'name="qualities"' not in page
    # A draft typed in a later step is kept when going back and forth.
    student.post(url, {"step": "evaluatie", "evaluation": "Goed gegaan", "direction": "back"})
    assert "Goed gegaan" in student.get(url + "?stap=evaluatie").content.decode()
    # An unknown or unfitting step falls back to the first open one (no error).
    assert "Stap 1 van 6" in student.get(url + "?stap=vooraf²").content.decode()


def test_a_step_saved_meanwhile_in_another_tab_is_not_overwritten(world, student, day):
    past = taster_day(world, timezone.localdate() - datetime.timedelta(days=3))
    url = reverse("portfolio:reflect", args=[past.pk])
    seen = version_of(student, url, "terugblik")
    assert student.post(url, {"step": "terugblik", "what_happened": "Tab A", "version": seen}).status_code == 302
    response = student.post(url, {"step": "terugblik", "what_happened": "Tab B", "version": seen})
    assert response.status_code == 409
    content = response.content.decode()
    assert "Tab A" in content and "Tab B" in content  # both versions shown, the typed text kept
    past.reflection.refresh_from_db()
    assert past.reflection.what_happened == "Tab A"


# --- 11.10 The coach's voice -----------------------------------------------------------------

YOU = re.compile(r"\b(je|jij|jou|jouw)\b", re.IGNORECASE)


def test_coach_reads_the_richtingsgevoel_about_the_student(world):
    reflected(world.leerling, title="Bedrijfsbezoek bouw", scores={"bouw": 5, "techniek": 4}, days_ago=400)
    reflected(world.leerling, title="Gastles zorg", kind="gastles", scores={"zorg-en-welzijn": 2}, days_ago=30)
    coach = Client()
    coach.force_login(world.docent)
    page = coach.get(reverse("portfolio:coach_student", args=[world.leerling.pk])).content.decode()
    name = world.leerling.first_name
    rg = page[page.index('id="c-aff"') : page.index('id="exp-title"')]
    text = re.sub(r"<[^>]+>", " ", rg)
    assert f"Welke sectoren vindt {name} leuk?" in text
    assert f"{name} gaf" in text
    assert not YOU.findall(text), YOU.findall(text)
    # The student's own page still speaks to the student.
    own = Client()
    own.force_login(world.leerling)
    assert "Welke sectoren vind je leuk?" in own.get(reverse("portfolio:richtingsgevoel")).content.decode()


def test_coach_on_a_team_page_is_not_told_about_their_own_messages(world):
    from projects.tests.factories import project_a

    project_a(world)
    coach = Client()
    coach.force_login(world.docent)
    page = coach.get(reverse("projects:team_detail", args=[world.team_a.pk])).content.decode()
    assert "Nog geen berichten van je coach" not in page and "Nog geen berichten aan dit team" in page


# --- 13.10 Bounded drafts; 13.11 export and expired session ----------------------------------


def test_draft_accepts_only_the_form_fields_and_refuses_oversized_text(world, student, day):
    experience = taster_day(world, day - datetime.timedelta(days=2))
    url = reverse("portfolio:reflect_draft", args=[experience.pk])
    junk = {f"x{i}": "y" * 100 for i in range(900)}
    response = student.post(url, {**junk, "goals": "echt", "qualities": ["creatief", "<bogus>"]}, HTTP_HX_REQUEST="1")
    assert response.status_code == 200
    experience.reflection.refresh_from_db()
    assert experience.reflection.draft == {"goals": "echt", "qualities": ["creatief"]}
    response = student.post(url, {"about_me": "z" * 3001}, HTTP_HX_REQUEST="1")
    assert response.status_code == 422
    assert "maximaal 3000 tekens" in response.content.decode()
    experience.reflection.refresh_from_db()
    assert "about_me" not in experience.reflection.draft


def test_export_is_not_stored_and_expired_session_text_is_dutch_in_the_page(world, student, day):
    response = student.get(reverse("portfolio:export"))
    assert "no-store" in response["Cache-Control"]
    experience = taster_day(world, day - datetime.timedelta(days=2))
    page = student.get(reverse("portfolio:reflect", args=[experience.pk])).content
    assert 'data-expired-text="Je bent uitgelogd. Log opnieuw in; je tekst blijft bewaard op dit apparaat."' in (
        page.decode()
    )


def test_link_deliverable_shows_a_page_naming_the_external_site(world):
    from projects.models import Deliverable, DeliverableVersion
    from projects.tests.factories import project_a

    project_a(world)
    deliverable = Deliverable.objects.create(team=world.team_a, title="Website")
    version = DeliverableVersion.objects.create(
        deliverable=deliverable, number=1, url="https://evil.example.com/login", uploaded_by=world.leerling
    )
    client = Client()
    client.force_login(world.leerling)
    response = client.get(reverse("projects:deliverable_download", args=[world.team_a.pk, version.pk]))
    assert response.status_code == 200 and "Location" not in response
    content = response.content.decode()
    assert "evil.example.com" in content and "Je verlaat TechMakers" in content
    assert 'href="https://evil.example.com/login" rel="noopener noreferrer nofollow"' in content
    from core.testing.quality import validate_html

    assert validate_html({"interstitial": content}) == {}


# --- Valid HTML for the changed pages -------------------------------------------------------


def test_changed_pages_are_valid_html(world, student, day):
    from core.testing.quality import validate_html
    from projects import services as projects
    from projects.models import Phase, TeamMembership
    from projects.tests.factories import project_a, set_phase

    project_a(world)
    team = set_phase(world.team_a, Phase.TERUGKIJKEN)
    membership = TeamMembership.objects.get(team=team, student=world.leerling)
    projects.submit_reflection(world.leerling, membership, product="Goed.", process="Prima.", own_actions="Ik plande.")
    project = Experience.objects.get(source_key=f"projects.teammembership:{membership.pk}")
    future = taster_day(world, day)
    past = taster_day(world, timezone.localdate() - datetime.timedelta(days=3))
    coach = Client()
    coach.force_login(world.docent)
    reflect = lambda e, step="": reverse("portfolio:reflect", args=[e.pk]) + (f"?stap={step}" if step else "")  # noqa: E731
    pages = {
        "vooraf": student.get(reflect(future)),
        "vooraf-error": student.post(reflect(future), {"step": "vooraf", "version": "x"}),
        "terugblik": student.get(reflect(past)),
        "sectoren": student.get(reflect(past, "sectoren")),
        "kwaliteiten": student.get(reflect(past, "kwaliteiten")),
        "conflict": student.post(reflect(past), {"step": "terugblik", "what_happened": "x", "version": "old"}),
        "project-reflect": student.get(reflect(project)),
        "project-detail": student.get(project.get_absolute_url()),
        "home": student.get(reverse("portfolio:home")),
        "coach": coach.get(reverse("portfolio:coach_student", args=[world.leerling.pk])),
    }
    assert pages["conflict"].status_code == 409
    errors = validate_html({name: response.content.decode() for name, response in pages.items()})
    assert errors == {}, errors


def test_migration_turns_an_early_hand_in_into_a_preparation(world):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("portfolio.migrations.0002_reflection_parts_saved_on_their_own")
    today = timezone.localdate()
    early = taster_day(world, today + datetime.timedelta(days=5))
    early.reflection.goals = "Voorbereiden"
    early.reflection.save()
    Experience.objects.filter(pk=early.pk).update(reflected_at=at(today))  # what the old code did
    done = reflected(world.leerling, title="Echt gereflecteerd", days_ago=5)
    project = ExperienceFactory(
        student=world.leerling, kind="project", details={"reflection_own_actions": "Ik plande."}, sectors=["bouw"]
    )
    migration.split_parts(apps, None)
    early.refresh_from_db()
    done_before = done.reflected_at
    done.refresh_from_db()
    project.refresh_from_db()
    assert early.reflected_at is None and early.prepared_at == at(today)
    assert done.reflected_at == done_before and done.prepared_at == done_before  # it had a goal too
    assert project.reflected_at is not None
