"""Scopes and visibility: materials by sharing scope, a network's meetings
(and minutes) are the network's, working groups are their members', the
coach's notes never reach teachers, who's who is opt-in and for staff only."""

from django.urls import reverse

from community import access
from community.models import Material, Meeting, SchoolNote
from community.services import directory, meetings
from community.tests.factories import community, plan, share
from organisation import services as org_services
from organisation.models import RoleAssignment
from organisation.roles import Role
from organisation.tests.factories import SchoolFactory, UserFactory


def titles(qs):
    return set(qs.values_list("title", flat=True))


def test_materials_follow_their_sharing_scope(world):
    other_school_a_network = SchoolFactory(network=world.network_a)
    colleague = UserFactory()
    org_services.assign_role(colleague, Role.TEACHER, school=other_school_a_network)
    share(world, user=world.docent, school=world.school_a, title="Eigen school", url="https://e.org/1")
    share(world, user=world.docent, school=world.school_a, title="Netwerk", scope="network", url="https://e.org/2")
    share(
        world, user=world.docent2, school=world.school_b, title="Landelijk B", scope="national", url="https://e.org/3"
    )
    share(world, user=world.docent2, school=world.school_b, title="Netwerk B", scope="network", url="https://e.org/4")
    assert titles(access.visible_materials(world.docent)) == {"Eigen school", "Netwerk", "Landelijk B"}
    assert titles(access.visible_materials(colleague)) == {"Netwerk", "Landelijk B"}
    assert titles(access.visible_materials(world.netwerkcoach)) == {"Netwerk", "Landelijk B"}
    assert titles(access.visible_materials(world.docent2)) == {"Landelijk B", "Netwerk B"}
    assert titles(access.visible_materials(world.bureau)) == titles(Material.objects.all())
    for outsider in (world.leerling, world.partner):
        assert not access.visible_materials(outsider).exists()


def test_a_networks_minutes_are_the_networks(world, login):
    community(world)
    meetings.record_minutes(world.netwerkcoach, world.meeting_a, minutes="Vertrouwelijk: school X zoekt hulp.")
    url = reverse("community:meeting_detail", args=[world.meeting_a.pk])
    for user in (world.docent, world.coordinator, world.netwerkcoach, world.bureau):
        assert "Vertrouwelijk" in login(user).get(url).content.decode()
    for user in (world.docent2, world.leerling, world.partner):
        assert login(user).get(url).status_code == 404
    # A coach of the other network sees network B's meetings, never A's.
    coach_b = UserFactory()
    org_services.assign_role(coach_b, Role.NETWORK_COACH, network=world.network_b)
    assert login(coach_b).get(url).status_code == 404
    assert set(access.visible_meetings(coach_b)) == {world.meeting_b}
    assert world.meeting_a not in access.visible_meetings(world.docent2)


def test_working_group_meetings_are_for_members(world):
    community(world)
    assert world.group_meeting in access.visible_meetings(world.docent)
    assert world.group_meeting not in access.visible_meetings(world.coordinator)
    meetings.leave_working_group(world.docent, world.group)
    assert world.group_meeting not in access.visible_meetings(world.docent)


def test_coach_notes_never_reach_teachers_or_other_networks(world):
    community(world)
    coach_b = UserFactory()
    org_services.assign_role(coach_b, Role.NETWORK_COACH, network=world.network_b)
    for user in (world.netwerkcoach, world.coordinator, world.bureau):
        assert world.note_a in access.visible_school_notes(user)
    for user in (world.docent, world.docent2, coach_b, world.leerling, world.partner):
        assert not access.visible_school_notes(user).exists()
    assert SchoolNote.objects.count() == 1


def test_open_actions_come_back_on_the_next_agenda(world):
    community(world)
    next_meeting = plan(world.netwerkcoach, network=world.network_a, title="Volgende", days=40)
    assert next_meeting.agenda.filter(action=world.action_a).exists()
    meetings.update_action(world.docent, world.action_a, status="done")
    third = plan(world.netwerkcoach, network=world.network_a, title="Daarna", days=80)
    assert not third.agenda.filter(action=world.action_a).exists()
    # Network B's meetings never pick up network A's actions.
    other = plan(world.bureau, network=world.network_b, title="B", days=60)
    assert not other.agenda.filter(action__isnull=False).exists()
    assert Meeting.objects.filter(network=world.network_a).count() == 3


def test_who_is_who_is_opt_in_and_for_staff(world, login):
    directory.save_profile(world.docent, school=world.school_a, listed=True, experience="zorgopdracht in leerjaar 1")
    directory.save_profile(world.docent2, school=world.school_b, listed=False, experience="zorgopdracht in leerjaar 1")
    client = login(world.docent2)
    page = client.get(reverse("community:directory"), {"q": "zorgopdracht leerjaar 1"}).content.decode()
    assert '<h2 class="h3">Docent Demo</h2>' in page and '<h2 class="h3">Docent2 Demo</h2>' not in page
    page = client.get(reverse("community:directory"), {"q": "havo"}).content.decode()
    assert '<h2 class="h3">Docent Demo</h2>' not in page
    for outsider in (world.leerling, world.partner):
        assert login(outsider).get(reverse("community:directory")).status_code == 403
        assert not access.visible_profiles(outsider).exists()
    # Someone who leaves the school disappears from the directory.
    RoleAssignment.objects.filter(user=world.docent, school=world.school_a).delete()
    assert not access.visible_profiles(world.docent2).exists()


def test_community_mail_only_to_who_can_open_the_page(world):
    community(world)
    from notifications.models import OutgoingMail

    mails = list(OutgoingMail.objects.values_list("subject", "to"))
    visit = [to for subject, to in mails if "vraagt om een bezoek" in subject]
    assert visit, mails  # in Dutch, to the host school only
    assert all(world.docent2.email in str(to) for to in visit)
    assert not any(world.netwerkcoach.email in str(to) for subject, to in mails if "Actiepunt" in subject)
