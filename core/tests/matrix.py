from core.models import Job
from core.testing.matrix import ALL, EVERYONE, Case, allow

everyone_json = {name: 200 for name in ALL}


def leerling_job(world, status=Job.Status.DONE):
    from django.core.files.base import ContentFile

    job = Job.objects.create(owner=world.leerling, kind="test", title="Overstapdossier", runner="x", status=status)
    job.file.save("dossier.pdf", ContentFile(b"%PDF-1.4"), save=False)
    job.filename, job.content_type = "dossier.pdf", "application/pdf"
    job.save()
    return {"pk": job.pk}


MATRIX = {
    "core:job_status": [Case("only the owner follows a job", leerling_job, allow(200, who={"leerling"}))],
    "core:job_download": [Case("only the owner downloads its file", leerling_job, allow(200, who={"leerling"}))],
    "healthz": [Case("database reachable", everyone_json)],
    "favicon": [Case("the icon, for everyone", {name: 302 for name in ALL})],
    "root": [Case("redirects to the dashboard", {name: 302 for name in ALL})],
    "account_login": [Case("login page; logged-in users are sent on", allow(302, who=EVERYONE, anon=200))],
    "account_logout": [Case("logout confirmation", allow(200, who=EVERYONE, anon=302))],
    "account_reset_password": [Case("forgot password form", {name: 200 for name in ALL})],
    "account_reset_password_done": [Case("mail sent", {name: 200 for name in ALL})],
    "account_reset_password_from_key": [
        Case("a made-up link", {"uidb36": "2", "key": "abc-def"}, {name: 200 for name in ALL})
    ],
    "account_reset_password_from_key_done": [Case("changed", {name: 200 for name in ALL})],
    "account_change_password": [Case("own password", allow(200, who=EVERYONE))],
    "accounts:settings": [Case("own settings", allow(200, who=EVERYONE))],
    "dashboard:home": [Case("role dashboard", allow(200, who=EVERYONE))],
    # The admin is the programme office's; everyone else is sent to its login.
    "admin:index": [Case("office only", allow(200, who={"bureau"}, denied=302))],
}
