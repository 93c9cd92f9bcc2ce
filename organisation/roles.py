from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STUDENT = "leerling", _("student")
    TEACHER = "docent", _("teacher / coach")
    COORDINATOR = "coordinator", _("TechMakers coordinator")
    NETWORK_COACH = "netwerkcoach", _("network coach")
    OFFICE = "bureau", _("programme office")
    PARTNER = "partner", _("partner contact")
    JUROR = "jurylid", _("juror")


SCHOOL_ROLES = {Role.STUDENT, Role.TEACHER, Role.COORDINATOR}
STAFF_ROLES = {Role.TEACHER, Role.COORDINATOR}


class Level(models.TextChoices):
    VMBO_GL = "vmbo-gl", "vmbo-GL"
    VMBO_TL = "vmbo-tl", "vmbo-TL"
    HAVO = "havo", "havo"
