"""Cached template fragments (portfolio.fragments): the coach's class table
rows and the richtingsgevoel. Served from the cache they are the template's
HTML to the byte, markup in names escaped; any change to what they show is a
new key."""

import datetime
import zoneinfo

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from organisation import services as org_services
from organisation.models import Enrolment
from organisation.tests.factories import UserFactory
from portfolio import access, fragments, insights
from portfolio.tests.factories import reflected
from portfolio.views.reflection import richtingsgevoel_context

pytestmark = pytest.mark.django_db

NASTY = '<b>Jan & "Piet"</b>'
ESCAPED = "&lt;b&gt;Jan &amp; &quot;Piet&quot;&lt;/b&gt;"


@pytest.fixture
def nasty(world):
    student = UserFactory(username="nasty", first_name=NASTY, last_name="O'Brien & <Zn>")
    org_services.enrol_student(student, world.class_a)
    reflected(student, title="<script>x</script>", scores={"techniek": 5})
    return student


def class_page(world):
    client = Client()
    client.force_login(world.docent)
    return client.get(reverse("portfolio:coach_class", args=[world.class_a.pk])).content.decode()


def rows_html(page):
    return page.split("<tbody>")[1].split("</tbody>")[0]


def without_and_with_the_cache(settings, render):
    """``render()`` with no cache in between (the template alone), then twice
    through the cache (stored, then served from it)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    uncached = render()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    return uncached, render(), render()


def test_cached_rows_are_the_templates_html_with_markup_escaped(world, nasty, settings):
    uncached, first, second = without_and_with_the_cache(settings, lambda: rows_html(class_page(world)))
    assert first == second == uncached
    assert f'">{ESCAPED} O&#x27;Brien &amp; &lt;Zn&gt;</a></th>' in first
    assert NASTY not in first and "<script>" not in first


def test_a_repeat_view_is_served_from_the_cache(world, nasty):
    class_page(world)
    rows = insights.class_overview(access.load_coached_class(world.docent, world.class_a.pk).enrolments)
    key = make_template_fragment_key("pf-class-rows", [fragments.fragment_key(rows)])
    assert ESCAPED in cache.get(key)
    cache.set(key, "<tr><th>from the cache</th></tr>")
    assert rows_html(class_page(world)) == "<tr><th>from the cache</th></tr>"


@pytest.mark.parametrize("prefix", [None, "c"])
def test_the_cached_richtingsgevoel_is_the_templates_html(world, nasty, settings, prefix):
    context = {**richtingsgevoel_context(nasty, timezone.localdate()), "prefix": prefix}
    uncached, first, second = without_and_with_the_cache(
        settings, lambda: render_to_string("portfolio/_richtingsgevoel.html", context)
    )
    assert first == second == uncached
    assert "Techniek" in first and "<script>" not in first and NASTY not in first


def test_the_richtingsgevoel_follows_a_new_reflection(world):
    client = Client()
    client.force_login(world.leerling)
    url = reverse("portfolio:richtingsgevoel")

    def bars():
        return client.get(url).content.decode().split('<svg class="rg-chart"')[1].split("</svg>")[0]

    reflected(world.leerling, scores={"techniek": 5})
    before = bars()
    assert "Techniek" in before and "Zorg en welzijn" not in before
    reflected(world.leerling, title="Gastles zorg", kind="gastles", scores={"zorg-en-welzijn": 4})
    assert "Zorg en welzijn" in bars()


def test_a_fragment_needs_its_value():
    with pytest.raises(ValueError):
        fragments.fragment_key("")
    with pytest.raises(ValueError):
        fragments.fragment_key(None)
    assert fragments.fragment_key([]) != fragments.fragment_key([{}])


def test_a_change_shows_at_once(world, nasty):
    before = rows_html(class_page(world))
    reflected(world.classmate, title="Gastles zorg", scores={"zorg-en-welzijn": 5})
    after = rows_html(class_page(world))
    assert after != before
    assert after == rows_html(class_page(world))
    cache.clear()
    assert rows_html(class_page(world)) == after


def test_the_key_follows_the_rows_the_language_and_the_time_zone(world, nasty):
    rows = insights.class_overview(Enrolment.objects.filter(class_group=world.class_a))
    key = fragments.fragment_key(rows)
    assert fragments.fragment_key(insights.class_overview(Enrolment.objects.filter(class_group=world.class_a))) == key
    changed = [dict(rows[0], name=rows[0]["name"] + " "), *rows[1:]]
    assert fragments.fragment_key(changed) != key
    assert fragments.fragment_key(list(reversed(rows))) != key
    later = insights.class_overview(
        Enrolment.objects.filter(class_group=world.class_a), today=timezone.localdate() + datetime.timedelta(days=60)
    )
    assert fragments.fragment_key(later) != key  # quiet flags change with the day
    with translation.override("en"):
        assert fragments.fragment_key(rows) != key
    with timezone.override(zoneinfo.ZoneInfo("UTC")):
        assert fragments.fragment_key(rows) != key
    assert " at 0x" not in repr(rows)  # values only: no object identities in the key
