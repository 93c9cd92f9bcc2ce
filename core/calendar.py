"""Calendar items from other apps in the subscribable iCalendar feeds.

The feeds live in ``partners`` (a school's and a partner's visits); other
apps add their own moments without ``partners`` importing them: an app
registers a source in its ``AppConfig.ready()``:

    @register_calendar_source
    def project_moments(*, school=None, partner=None, since):
        return [CalendarItem(uid="…", summary="…", start=date_or_datetime), ...]

A source gets the feed's owner (a school or a partner organisation, the other
is None) and the first day to include, and returns only what that owner may
see (the source asks its own app's access rules)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

_SOURCES: list[Callable] = []


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    summary: str
    start: datetime.date | datetime.datetime  # a date: an all-day item
    end: datetime.date | datetime.datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""


def register_calendar_source(func: Callable) -> Callable:
    if func not in _SOURCES:
        _SOURCES.append(func)
    return func


def calendar_items(*, school=None, partner=None, since: datetime.date) -> list[CalendarItem]:
    items = []
    for source in _SOURCES:
        items.extend(source(school=school, partner=partner, since=since))
    return items
