"""Password help that works: staff and partners reset their own password by
e-mail (the link uses the site's real address); a coordinator gives a student a
temporary password, which the student replaces at the next login."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

NEW = "Nieuw-wachtwoord-2027!"


def _reset_link(client, email, settings):
    settings.SITE_URL = "https://techmakers.example.nl"
    settings.ALLOWED_HOSTS = ["*"]  # a host the site answers on, but not its address
    response = client.post("/wachtwoord-vergeten/", {"email": email}, HTTP_HOST="evil.example")
    assert response.status_code == 302 and response["Location"] == "/wachtwoord-vergeten/verstuurd/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [email]
    links = re.findall(r"https?://\S+", mail.outbox[0].body)
    assert links and all(link.startswith("https://techmakers.example.nl/wachtwoord-vergeten/") for link in links)
    return links[0].removeprefix("https://techmakers.example.nl")


def test_a_teacher_resets_their_password_by_e_mail(client, world, settings):
    world.docent.email = "p.bakker@debrug.nl"
    world.docent.save()
    path = _reset_link(client, "p.bakker@debrug.nl", settings)
    form = client.get(path, follow=True)
    assert "Kies een nieuw wachtwoord" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else path, {"password1": NEW, "password2": NEW}
    )
    assert done.status_code == 302
    world.docent.refresh_from_db()
    assert world.docent.check_password(NEW)
    # The link works once.
    again = client.get(path, follow=True).content.decode()
    assert "Deze link werkt niet meer" in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, world):
    response = client.post("/wachtwoord-vergeten/", {"email": "niemand@example.nl"})
    assert response.status_code == 302 and response["Location"] == "/wachtwoord-vergeten/verstuurd/"
    assert mail.outbox == []


def test_a_coordinator_gives_a_student_a_temporary_password(client, world):
    client.force_login(world.coordinator)
    page = client.get(f"/leerlingen/{world.leerling.pk}/").content.decode()
    assert f"/leerlingen/{world.leerling.pk}/wachtwoord/" in page
    confirm = client.get(f"/leerlingen/{world.leerling.pk}/wachtwoord/")
    assert "Maak een tijdelijk wachtwoord" in confirm.content.decode()
    world.leerling.refresh_from_db()
    assert not world.leerling.must_change_password  # looking changes nothing
    result = client.post(f"/leerlingen/{world.leerling.pk}/wachtwoord/")
    assert "no-store" in result["Cache-Control"]
    temporary = re.search(r"<code>([a-z0-9-]{14})</code>", result.content.decode()).group(1)
    world.leerling.refresh_from_db()
    assert world.leerling.check_password(temporary) and world.leerling.must_change_password

    # The student logs in with it and is sent to choose their own before anything else.
    client.logout()
    client.post("/login/", {"login": world.leerling.username, "password": temporary})
    blocked = client.get("/portfolio/")
    assert blocked.status_code == 302 and blocked["Location"] == "/account/wachtwoord/"
    changed = client.post(
        "/account/wachtwoord/", {"oldpassword": temporary, "password1": NEW, "password2": NEW}, follow=True
    )
    assert changed.status_code == 200
    world.leerling.refresh_from_db()
    assert world.leerling.check_password(NEW) and not world.leerling.must_change_password
    assert client.get("/portfolio/").status_code == 200


def test_only_the_students_coordinator_may_reset(client, world):
    for persona, expected in (("docent", 403), ("leerling", 403), ("docent2", 404), ("partner", 404)):
        client.force_login(world.users[persona])
        assert client.post(f"/leerlingen/{world.leerling.pk}/wachtwoord/").status_code == expected, persona
    world.leerling.refresh_from_db()
    assert not world.leerling.must_change_password
