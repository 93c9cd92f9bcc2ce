"""The background-job pipeline: progress, a file at the end, failure recorded,
and only the owner sees or downloads it."""

import pytest
from pypdf import PdfReader

from core import jobs
from core.models import Job
from core.pdf import render_pdf

pytestmark = pytest.mark.django_db(transaction=True)  # jobs start on commit

SEEN = []


def make_file(job, *, name):
    jobs.report(job, 50, "halverwege")
    SEEN.append(Job.objects.get(pk=job.pk).progress)
    return jobs.File(f"hallo {name}".encode(), f"{name}.txt", "text/plain")


def count_rows(job, *, rows):
    return {"rows": rows}


def explode(job):
    raise RuntimeError("kapot")


def test_a_job_reports_progress_and_ends_with_its_file(world):
    job = jobs.start(world.leerling, kind="test", title="Bestand", runner=f"{__name__}.make_file", params={"name": "x"})
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.progress == 100 and SEEN[-1] == 50
    assert job.file.read() == b"hallo x" and job.filename == "x.txt"


def test_a_job_may_return_figures(world):
    job = jobs.start(world.leerling, kind="test", title="Import", runner=f"{__name__}.count_rows", params={"rows": 7})
    job.refresh_from_db()
    assert job.result == {"rows": 7} and not job.file


def test_a_failing_job_says_so(world):
    job = jobs.start(world.leerling, kind="test", title="Kapot", runner=f"{__name__}.explode")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "kapot" in job.error


def test_status_and_download_are_the_owners(world, client):
    job = jobs.start(world.leerling, kind="test", title="Bestand", runner=f"{__name__}.make_file", params={"name": "y"})
    client.force_login(world.leerling)
    status = client.get(f"/taken/{job.pk}/").content.decode()
    assert f'href="/taken/{job.pk}/download/"' in status and "y.txt" in status
    assert "data-hx-trigger" not in status  # finished: no more polling
    download = client.get(f"/taken/{job.pk}/download/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"hallo y"
    assert "no-store" in download["Cache-Control"]
    client.force_login(world.leerling2)
    assert client.get(f"/taken/{job.pk}/").status_code == 404
    assert client.get(f"/taken/{job.pk}/download/").status_code == 404


def test_a_running_job_is_polled(world, client):
    job = Job.objects.create(owner=world.leerling, kind="t", title="Bezig", runner="x", status=Job.Status.RUNNING)
    client.force_login(world.leerling)
    page = client.get(f"/taken/{job.pk}/").content.decode()
    assert 'data-hx-trigger="every 1s"' in page and "<progress" in page


def test_pdfs_load_nothing_from_outside(settings, tmp_path):
    template = tmp_path / "doc.html"
    template.write_text('<html><body><h1>Certificaat</h1><img src="https://tracker.example/p.png"></body></html>')
    settings.TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [str(tmp_path)]}]
    import io

    text = PdfReader(io.BytesIO(render_pdf("doc.html", {}))).pages[0].extract_text()
    assert "Certificaat" in text
