import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from organisation import models


def _demo_password():
    from django.contrib.auth.hashers import make_password

    return make_password("techmakers")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")
    password = factory.LazyFunction(lambda: _demo_password())


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Network

    slug = factory.Sequence(lambda n: f"netwerk-{n}")
    name = factory.Sequence(lambda n: f"Netwerk {n}")
    region = "Regio"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.School
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"School {n}")
    brin = factory.Sequence(lambda n: f"{10 + n // 676 % 90:02d}{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    city = "Utrecht"
    network = factory.SubFactory(NetworkFactory)

    @factory.post_generation
    def levels(self, create, extracted, **kwargs):
        if create:
            self.levels.set(extracted or models.Level.objects.all())


class SchoolYearFactory(factory.django.DjangoModelFactory):
    """The school year that contains today, unless told otherwise."""

    class Meta:
        model = models.SchoolYear
        django_get_or_create = ("name",)

    class Params:
        start_year = factory.LazyFunction(lambda: models.SchoolYear.start_year_of(timezone.localdate()))

    name = factory.LazyAttribute(lambda o: models.SchoolYear.name_for(o.start_year))
    start_date = factory.LazyAttribute(lambda o: models.SchoolYear.bounds_for(o.start_year)[0])
    end_date = factory.LazyAttribute(lambda o: models.SchoolYear.bounds_for(o.start_year)[1])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    school = factory.SubFactory(SchoolFactory)
    status = models.Membership.Status.ACTIVE
    phase = models.Membership.Phase.LICENCE
    commitment_start = datetime.date(2022, 8, 1)


class ClassGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ClassGroup

    school = factory.SubFactory(SchoolFactory)
    school_year = factory.SubFactory(SchoolYearFactory)
    name = factory.Sequence(lambda n: f"{n % 4 + 1}{chr(65 + n % 5)}{n}")
    level = factory.LazyFunction(lambda: models.Level.objects.get(code="vmbo-tl"))
    leerjaar = 2


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PartnerOrganisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = models.PartnerOrganisation.Kind.COMPANY
    city = "Utrecht"

    @factory.post_generation
    def networks(self, create, extracted, **kwargs):
        if create and extracted:
            self.networks.set(extracted)

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create and extracted:
            self.sectors.set(extracted)
