"""Upload validation and search ranking basics."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assignments import search, uploads
from assignments.models import Assignment
from assignments.tests.factories import make_assignment

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def upload(name, data):
    return SimpleUploadedFile(name, data)


def make_zip(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("Lesbrief.pdf", PDF, "application/pdf"),
        ("foto.PNG", PNG, "image/png"),
        ("notities.txt", "Dag één".encode(), "text/plain"),
        ("map.zip", make_zip(["a.pdf", "b.txt"]), "application/zip"),
    ],
)
def test_allowed_files(name, data, content_type):
    filename, got = uploads.validate_upload(upload(name, data))
    assert got == content_type
    assert filename.lower() == name.lower()


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("virus.exe", b"MZ\x90\x00", "type"),
        ("nep.pdf", b"MZ\x90\x00 not a pdf", "content"),
        ("binair.txt", b"\x00\x01\x02", "content"),
        ("leeg.pdf", b"", "empty"),
        ("stiekem.zip", make_zip(["a.pdf", "run.exe"]), "zip"),
        ("kapot.zip", b"PK\x03\x04 broken", "zip"),
    ],
)
def test_refused_files(name, data, code):
    with pytest.raises(ValidationError) as exc:
        uploads.validate_upload(upload(name, data))
    assert exc.value.code == code


def test_size_limit_has_a_clear_dutch_message(settings, client, db, world):
    settings.MAX_UPLOAD_SIZE = 100
    assignment = make_assignment(world.docent, world.school_a)
    client.force_login(world.docent)
    response = client.post(
        reverse("assignments:material_add", args=[assignment.pk]),
        {"title": "Groot", "file": upload("groot.pdf", PDF + b"x" * 200)},
    )
    assert response.status_code == 200
    assert "Dit bestand is te groot" in response.content.decode()
    assert 'value="Groot"' in response.content.decode()
    assert not assignment.materials.exists()


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\jan\\Mijn werk.PDF", "Mijn_werk.pdf"),
        ("..pdf", "bestand.pdf"),
        ("<script>.txt", "script.txt"),
    ],
)
def test_filenames_are_sanitised(raw, clean):
    assert uploads.sanitise_filename(raw) == clean


@pytest.mark.django_db
def test_upload_is_stored_unguessably_and_served_only_with_access(world, client, media):
    assignment = make_assignment(world.docent, world.school_a)
    client.force_login(world.docent)
    response = client.post(
        reverse("assignments:material_add", args=[assignment.pk]),
        {"title": "Lesbrief", "file": upload("../Les brief.pdf", PDF)},
    )
    assert response.status_code == 302
    material = assignment.materials.get()
    assert material.filename == "Les_brief.pdf"
    assert "Les" not in material.file.name and len(material.file.name) > 36
    url = reverse("assignments:material_download", args=[assignment.pk, material.pk])
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    client.force_login(world.docent2)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_search_finds_words_and_ranks_title_hits_first(world):
    body = make_assignment(
        world.docent, world.school_a, title="Verpakking", status="published", scope="national",
        problem_statement="Ontwerp een verpakking voor tomaten uit de kas.",
    )  # fmt: skip
    title = make_assignment(
        world.docent, world.school_a, title="Tomaten tellen", status="published", scope="national",
        problem_statement="Telers willen weten hoeveel vruchten rijp zijn.",
    )  # fmt: skip
    make_assignment(world.docent, world.school_a, title="Iets anders", status="published", scope="national")
    results = list(search.search(Assignment.objects.all(), "tomaten").order_by("-rank", "pk"))
    assert [a.pk for a in results] == [title.pk, body.pk]
    # Stemming: a plural finds the singular.
    single = make_assignment(
        world.docent, world.school_a, title="De moestuin", status="published", scope="national",
        problem_statement="Leg een tuin aan.",
    )  # fmt: skip
    assert single in search.search(Assignment.objects.all(), "moestuinen")


@pytest.mark.django_db
def test_library_filters(world, client):
    make_assignment(world.docent, world.school_a, title="Kort GL", status="published", scope="national",
                    duration_weeks=3, competencies=["plannen"])  # fmt: skip
    make_assignment(world.docent, world.school_a, title="Lang havo", status="published", scope="national",
                    duration_weeks=10, levels=[], competencies=["presenteren"],
                    leerjaar_min=4, leerjaar_max=5)  # fmt: skip
    client.force_login(world.docent2)

    def titles(query):
        page = client.get(reverse("assignments:library") + "?" + query)
        return {a.title for a in page.context["assignments"]}

    assert titles("duration=kort") == {"Kort GL"}
    assert titles("competency=presenteren") == {"Lang havo"}
    assert titles("level=vmbo-gl") == {"Kort GL"}
    assert titles("leerjaar=5") == {"Lang havo"}
    assert titles("sector=bouw") == {"Kort GL", "Lang havo"}
    assert titles(f"region={world.network_b.pk}") == set()
    assert titles("client_kind=bedrijf&tt=on") == {"Kort GL", "Lang havo"}
