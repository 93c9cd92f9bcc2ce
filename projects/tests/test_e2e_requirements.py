"""Browser journey of issue 11.4: the team submits its programma van eisen,
the client (a partner's contact) comments, the team adjusts and submits
again, the client approves, and the list is frozen for the team. With
SHOTS_DIR set, the partner's review page is saved at 375 and 1280 px."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from projects.tests.factories import project_a
from projects.tests.test_e2e_allocation import shoot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_submit_comment_resubmit_approve_frozen(world, live_server, page, login_in_browser):
    project_a(world)
    team = world.team_a
    requirements_url = live_server.url + reverse("projects:team_requirements", args=[team.pk])
    partner_url = live_server.url + reverse("projects:partner_team", args=[team.pk])
    page.on("dialog", lambda dialog: dialog.accept())  # "Submit this programma van eisen …?"

    def as_user(username, url):
        page.context.clear_cookies()
        login_in_browser(username)
        page.goto(url)

    # The student submits; there is no button to approve it themselves.
    as_user("leerling", requirements_url)
    expect(page.get_by_role("button", name="Opdrachtgever gaat akkoord")).to_have_count(0)
    page.get_by_role("button", name="Indienen bij de opdrachtgever").click()
    expect(
        page.get_by_text("Jullie programma van eisen is ter beoordeling naar je opdrachtgever gestuurd.")
    ).to_be_visible()
    expect(page.get_by_text("Wacht op beoordeling", exact=True)).to_be_visible()
    expect(page.get_by_label("Nieuwe eis")).to_have_count(0)

    # The partner finds it waiting and comments.
    as_user("partner", partner_url)
    review = page.locator("#requirements")
    expect(review).to_contain_text("Wacht op jouw beoordeling")
    expect(review).to_contain_text("Het bord is van 10 meter te lezen")
    shoot(page, "partner-review")
    review.get_by_label("Je opmerkingen voor het team").fill("Zet er ook iets over veiligheid bij.")
    review.get_by_role("button", name="Opmerkingen naar het team sturen").click()
    expect(page.get_by_text("Je opmerkingen zijn naar het team gestuurd.")).to_be_visible()

    # The student reads the comment, adjusts the list and submits again.
    as_user("leerling", requirements_url)
    expect(page.locator("#review")).to_contain_text("Zet er ook iets over veiligheid bij.")
    page.get_by_label("Nieuwe eis").fill("Bezoekers dragen een veiligheidshesje")
    page.get_by_role("button", name="Eis toevoegen").click()
    expect(page.get_by_text("Bezoekers dragen een veiligheidshesje")).to_be_visible()
    page.get_by_role("button", name="Indienen bij de opdrachtgever").click()
    expect(page.get_by_text("Wacht op beoordeling", exact=True)).to_be_visible()

    # The partner approves.
    as_user("partner", partner_url)
    review = page.locator("#requirements")
    expect(review).to_contain_text("Bezoekers dragen een veiligheidshesje")
    review.get_by_role("button", name="Programma van eisen goedkeuren").click()
    expect(page.get_by_text("Je hebt het programma van eisen goedgekeurd. Het team kan verder.")).to_be_visible()
    shoot(page, "partner-approved")

    # Frozen for the student: no field, no remove, no submit; they can move on.
    as_user("leerling", requirements_url)
    expect(page.locator("#review")).to_contain_text("De lijst kan niet meer veranderen.")
    expect(page.get_by_label("Nieuwe eis")).to_have_count(0)
    expect(page.get_by_role("button", name="Verwijderen")).to_have_count(0)
    expect(page.get_by_role("button", name="Indienen bij de opdrachtgever")).to_have_count(0)
    shoot(page, "student-frozen")
    team.refresh_from_db()
    assert team.requirements_agreed_at is not None and team.requirements.count() == 2
    page.goto(live_server.url + reverse("projects:team_detail", args=[team.pk]))
    expect(page.get_by_role("button", name="Door naar Plannen")).to_be_visible()
