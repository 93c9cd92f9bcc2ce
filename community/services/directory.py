"""Who's who: each teacher or coordinator keeps their own (opt-in) profile."""

from django.db import transaction
from django.utils import timezone

from community.models import DirectoryProfile, Tag
from community.search import normalise


@transaction.atomic
def save_profile(user, *, school, listed, subjects="", experience="", tags="", now=None) -> DirectoryProfile:
    tag_objects = Tag.from_text(tags)
    profile, _created = DirectoryProfile.objects.update_or_create(
        user=user,
        defaults={
            "school": school,
            "listed": listed,
            "subjects": subjects,
            "experience": experience,
            "updated_at": now or timezone.now(),
        },
    )
    profile.tags.set(tag_objects)
    profile.search_text = normalise(
        " ".join(
            [
                user.get_full_name(),
                school.name,
                school.city,
                subjects,
                experience,
                " ".join(t.name for t in tag_objects),
            ]
        )
    )
    profile.save(update_fields=["search_text"])
    return profile
