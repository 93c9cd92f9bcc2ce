"""assignments/library_cache.py: the library's cards and filter controls come
from their template partials, cached under keys that cannot go stale."""

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from assignments import library_cache, search, services
from assignments.forms import LibraryFilterForm
from assignments.models import Assignment
from assignments.tests.factories import make_assignment
from organisation.models import Level

pytestmark = pytest.mark.django_db

MARKUP = """<b>Tom & "Jerry"</b> 'x'"""
ESCAPED = "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; &#x27;x&#x27;"


def _loaded(pk):
    """The assignment as the library page loads it."""
    return search.card_rows(Assignment, [pk])[0]


def _levels():
    return search.load_taxonomy().levels


def _card(pk):
    return library_cache.library_fragments([_loaded(pk)], _levels())[0][0]


def _card_key(pk, language="nl"):
    with translation.override(language):
        return library_cache._key(library_cache.CARD, library_cache.card_shows(_loaded(pk), _levels()))


@pytest.fixture
def tricky(world):
    world.school_b.name = "Baken & <Co>"
    world.school_b.save(update_fields=["name"])
    return make_assignment(
        world.docent2,
        world.school_b,
        title=MARKUP,
        client_name="""Bakker's <Brood> & "Co\"""",
        problem_statement="Een <script>alert('x')</script> & meer",
        status="published",
        scope="national",
    )


def test_a_card_with_markup_like_text_is_escaped_exactly_as_the_template_does(tricky):
    expected = render_to_string(library_cache.CARD, {"a": _loaded(tricky.pk)})
    first = _card(tricky.pk)  # rendered and stored
    again = _card(tricky.pk)  # from the cache
    assert cache.get(_card_key(tricky.pk)) == first
    assert first == again == expected
    assert ESCAPED in first
    assert "Bakker&#x27;s &lt;Brood&gt; &amp; &quot;Co&quot;" in first
    assert "Baken &amp; &lt;Co&gt;" in first
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; meer" in first
    assert "<script>" not in first and MARKUP not in first


def test_filter_controls_with_markup_like_text_are_escaped_exactly_as_the_template_does(world):
    taxonomy = search.load_taxonomy()
    taxonomy.networks.append((999, MARKUP))
    form = LibraryFilterForm({"q": MARKUP, "region": "abc"}, taxonomy=taxonomy)
    form.is_valid()
    expected = render_to_string(library_cache.CONTROLS, {"controls": form.controls()})
    first = library_cache.library_fragments([], [], form)[1]
    assert library_cache.library_fragments([], [], form)[1] == first == expected
    assert f'value="{ESCAPED}"' in first  # the search box
    assert f'<option value="999">{ESCAPED}</option>' in first
    assert 'aria-invalid="true"' in first  # the region's error is shown (and part of the key)
    other = LibraryFilterForm({"q": "tuin"}, taxonomy=taxonomy)
    other.is_valid()
    assert library_cache.library_fragments([], [], other)[1] != first


def test_a_cached_card_is_neither_rendered_nor_its_levels_read_again(tricky, monkeypatch, django_assert_num_queries):
    _card(tricky.pk)
    monkeypatch.setattr(library_cache, "render_to_string", lambda *a, **k: pytest.fail("rendered again"))
    row, levels = _loaded(tricky.pk), _levels()
    with django_assert_num_queries(0):
        assert "Tom" in library_cache.library_fragments([row], levels)[0][0]


def test_a_change_to_anything_shown_changes_the_key(world, tricky):
    seen = {_card_key(tricky.pk)}
    services.record_view(world.docent, tricky)
    services.rate_assignment(world.docent, tricky, 4)  # counters only: updated_at stays
    seen.add(_card_key(tricky.pk))
    services.adopt_assignment(world.docent, tricky, world.school_a)
    seen.add(_card_key(tricky.pk))
    world.network_b.name = "Rijnmond"
    world.network_b.save(update_fields=["name"])
    seen.add(_card_key(tricky.pk))
    content = services.content_from_version(tricky.current_version)
    content.levels = content.levels[:1]
    services.update_assignment(world.docent2, tricky, content)
    seen.add(_card_key(tricky.pk))
    Level.objects.filter(code="vmbo-gl").update(name="vmbo-GL (basis)")
    seen.add(_card_key(tricky.pk))
    assert len(seen) == 6
    assert _card_key(tricky.pk, "en") not in seen


def test_the_library_never_shows_a_stale_card(world, client, tricky):
    client.force_login(world.docent)
    url = reverse("assignments:library")
    assert "Baken &amp; &lt;Co&gt;" in client.get(url).content.decode()
    world.school_b.name = "Het Nieuwe Baken"
    world.school_b.save(update_fields=["name"])
    page = client.get(url).content.decode()
    assert "Het Nieuwe Baken" in page and "Baken &amp; &lt;Co&gt;" not in page
    services.record_view(world.docent, tricky)
    services.rate_assignment(world.docent, tricky, 5)
    assert "5,0 / 5 (1 beoordeling)" in client.get(url).content.decode()
    client.post(reverse("accounts:settings"), {"preferred_language": "en"})
    page = client.get(url).content.decode()
    assert "rated 5.0 / 5 (1 rating)" in page and "All levels" in page
    assert len(cache.get_many([_card_key(tricky.pk, language) for language in ("nl", "en")])) == 2


def test_an_htmx_update_renders_the_results_only(world, client, tricky):
    client.force_login(world.docent)
    response = client.get(reverse("assignments:library") + "?q=Tom", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"') and ESCAPED in html
    assert "<select" not in html and response.context["controls"] is None
