"""The quality cycle: anonymous responses, results only when closed, the
suppression rules end to end (per school, over years, with the network),
the step-by-step guide."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from community import results
from community.models import QualityCycle, Questionnaire, Receipt, Response
from community.services import quality
from community.tests.factories import cycle
from organisation import services as org_services
from organisation.roles import Role
from organisation.tests.factories import SchoolFactory, UserFactory

T = Questionnaire.Audience.TEACHERS


def answer_n(q, n, score=4, text=""):
    items = list(q.items.all())
    for _ in range(n):
        scores = {i.pk: score for i in items if i.kind == "likert"}
        texts = {i.pk: text for i in items if i.kind == "open"}
        quality.submit_response(None, q, scores=scores, texts=texts)


def teachers(c):
    return c.questionnaires.get(audience=T)


@pytest.fixture
def cycles(world):
    """School A plus three more schools in network A, each with a cycle."""
    extra = [SchoolFactory(network=world.network_a, name=f"School {i}") for i in range(3)]
    all_cycles = [cycle(world, world.school_a)] + [cycle(world, s) for s in extra]
    for c in all_cycles:
        quality.open_questionnaire(world.bureau, teachers(c))
    return all_cycles


def close_all(world, cycles):
    for c in cycles:
        quality.close_questionnaire(world.bureau, teachers(c))


def row(result, key_text_start="The TechMakers projects"):
    return next(
        r for r in result.rows if r["label"].startswith(key_text_start) or r["label"].startswith("De TechMakers")
    )


def test_results_appear_only_once_closed(world, cycles):
    answer_n(teachers(cycles[0]), 6)
    assert results.cycle_results(cycles[0]) == []
    close_all(world, cycles[:1])
    [result] = results.cycle_results(cycles[0])
    mine = result.rows[0]["values"][0]
    assert not mine.suppressed and mine.n == 6


def test_a_small_school_is_suppressed_and_left_out_of_the_network(world, cycles):
    a, b, c, d = cycles
    answer_n(teachers(a), 4, score=1)  # too few
    answer_n(teachers(b), 5, score=4)
    answer_n(teachers(c), 5, score=4)
    answer_n(teachers(d), 5, score=2)
    close_all(world, cycles)
    [result_a] = results.cycle_results(a)
    own, network = result_a.rows[0]["values"][0], result_a.rows[0]["values"][-1]
    assert own.suppressed
    assert network.n == 15 and network.groups == 3  # school A's four answers are not in it
    [result_b] = results.cycle_results(b)
    assert result_b.rows[0]["values"][-1] == network  # same figure: nothing to subtract


def test_the_network_needs_three_schools(world, cycles):
    a, b = cycles[:2]
    answer_n(teachers(a), 5)
    answer_n(teachers(b), 5)
    close_all(world, cycles)
    [result] = results.cycle_results(a)
    assert result.rows[0]["values"][-1].suppressed


def test_open_answers_need_five_writers(world, cycles):
    q = teachers(cycles[0])
    answer_n(q, 4, text="Samen met bedrijven")
    answer_n(q, 1, text="")
    close_all(world, cycles[:1])
    [result] = results.cycle_results(cycles[0])
    assert all(o["answers"] == [] for o in result.open_items)


def test_results_page_shows_the_suppression(world, cycles, login):
    answer_n(teachers(cycles[0]), 3)
    close_all(world, cycles[:1])
    response = login(world.coordinator).get(reverse("community:cycle_results", args=[cycles[0].pk]))
    assert response.status_code == 200
    assert "&lt;5" in response.content.decode()


def test_an_answer_is_anonymous_and_once_per_person(world, cycles):
    q = teachers(cycles[0])
    item = q.items.filter(kind="likert").first()
    quality.submit_response(world.docent, q, scores={item.pk: 5}, texts={})
    assert Receipt.objects.filter(questionnaire=q, user=world.docent).exists()
    assert not hasattr(Response, "user") and not hasattr(Response, "user_id")
    with pytest.raises(ValidationError):
        quality.submit_response(world.docent, q, scores={item.pk: 4}, texts={})
    assert Response.objects.filter(questionnaire=q).count() == 1


def test_empty_and_bad_answers_are_refused(world, cycles):
    q = teachers(cycles[0])
    item = q.items.filter(kind="likert").first()
    with pytest.raises(ValidationError):
        quality.submit_response(None, q, scores={}, texts={})
    with pytest.raises(ValidationError):
        quality.submit_response(None, q, scores={item.pk: 7}, texts={})


def test_the_cycle_is_guided_step_by_step(world):
    c = cycle(world, world.school_a)
    with pytest.raises(ValidationError):
        quality.advance(world.coordinator, c)  # nothing discovered yet
    q = teachers(c)
    quality.open_questionnaire(world.coordinator, q)
    quality.close_questionnaire(world.coordinator, q)
    c = quality.advance(world.coordinator, c)
    assert c.step == QualityCycle.Step.DREAM
    with pytest.raises(ValidationError):
        quality.advance(world.coordinator, c)
    quality.save_reflection(world.coordinator, c, strengths="Teams", dream="Elke leerling een echte opdrachtgever")
    c = quality.advance(world.coordinator, c)
    improvement = quality.add_improvement(world.coordinator, c, title="Meer partners")
    c = quality.advance(world.coordinator, c)
    assert c.step == QualityCycle.Step.DELIVER
    action = quality.add_cycle_action(
        world.coordinator, c, title="Bellen", owner=world.docent, due_date=world.year.end_date, improvement=improvement
    )
    with pytest.raises(ValidationError):
        quality.advance(world.coordinator, c)  # the action is not done
    quality.update_cycle_action(world.docent, action, status="done", follow_up="Drie nieuwe partners")
    assert quality.advance(world.coordinator, c).step == QualityCycle.Step.DONE


def test_students_answer_in_the_platform_only_at_their_school(world, login):
    c = cycle(world, world.school_a)
    q = c.questionnaires.get(audience=Questionnaire.Audience.STUDENTS)
    quality.open_questionnaire(world.coordinator, q)
    url = reverse("community:answer", args=[q.token])
    assert login(world.leerling).get(url).status_code == 200
    assert login(world.leerling2).get(url).status_code == 404
    item = q.items.filter(kind="likert").first()
    response = login(world.leerling).post(url, {f"item-{item.pk}": "5"})
    assert response.status_code == 200 and "Bedankt" in response.content.decode()
    assert login(world.leerling).get(reverse("community:my_questionnaires")).content.decode().count(q.token) == 0


def test_a_teacher_who_left_cannot_answer(world, login):
    c = cycle(world, world.school_a)
    q = teachers(c)
    quality.open_questionnaire(world.coordinator, q)
    outsider = UserFactory()
    org_services.assign_role(outsider, Role.TEACHER, school=world.school_b)
    assert login(outsider).get(reverse("community:answer", args=[q.token])).status_code == 404


def test_hostile_answers_are_refused_in_dutch_and_kept(world, login):
    """A NUL byte (PostgreSQL refuses it: a server error) or a score that is no
    score gets a Dutch message; the answers typed stay in the form."""
    c = cycle(world, world.school_a)
    q = c.questionnaires.get(audience=Questionnaire.Audience.STUDENTS)
    quality.open_questionnaire(world.coordinator, q)
    likert = q.items.filter(kind="likert").first()
    text = q.items.filter(kind="open").first()
    url = reverse("community:answer", args=[q.token])
    client = login(world.leerling)
    response = client.post(url, {f"item-{likert.pk}": "5", f"item-{text.pk}": "Goed\x00idee"})
    page = response.content.decode()
    assert response.status_code == 200 and "Null-tekens zijn niet toegestaan." in page
    assert not Response.objects.filter(questionnaire=q).exists()
    response = client.post(url, {f"item-{likert.pk}": "²", f"item-{text.pk}": "Goed idee"})
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert "Goed idee" in response.content.decode()
    assert not Response.objects.filter(questionnaire=q).exists()
