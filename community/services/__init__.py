"""Domain functions of the community, by area. Each takes the acting user
(and the moment, ``now``/``today``) explicitly, runs in one transaction and
tells whoever must act (``community.notifications.tell``)."""

from django.utils import formats, translation


def day_text(day) -> str:
    """A date as people read it in the messages (Dutch style, j F Y)."""
    with translation.override("nl"):
        return formats.date_format(day, "j F Y")
