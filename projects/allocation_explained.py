"""Why a student got the assignment they got, in plain words: for the
teacher on the allocation page, for the student on their own team page.

The allocation run stores the facts per student (``Project.allocation
["explained"]``, see ``services.allocation._explanations``): the rank they
got and, for every choice they ranked higher, why it was not possible. Here
those facts become sentences in the reader's language, never costs or
solver terms. Reads nothing from the database."""

from django.utils.translation import gettext as _


def _title(stored, pa_id, titles):
    return titles.get(pa_id) or titles.get(str(pa_id)) or "?"


def _params(block, stored, titles) -> dict:
    """What a reason names: the choice's rank and title, its places and how many wanted it first."""
    return {
        "rank": block["rank"],
        "title": _title(stored, block["pa"], titles),
        "capacity": stored.get("capacities", {}).get(str(block["pa"]), 0),
        "wanted": stored.get("first_choices", {}).get(str(block["pa"]), 0),
    }


def _student_reason(block, stored, titles) -> str:
    params = _params(block, stored, titles)
    if block["why"] == "full":
        return (
            _(
                "the teams of your choice %(rank)s (“%(title)s”) were full: there was room for %(capacity)s "
                "students and %(wanted)s chose it as their first choice"
            )
            % params
        )
    if block["why"] == "closed":
        return (
            _("your choice %(rank)s (“%(title)s”) did not go ahead: too few students chose it to make a team") % params
        )
    if block["why"] == "rules":
        return (
            _("your teacher's agreements about who works together did not fit in your choice %(rank)s (“%(title)s”)")
            % params
        )
    return _("your choice %(rank)s (“%(title)s”) was needed for classmates who had fewer places to go") % params


def _teacher_reason(block, stored, titles) -> str:
    params = _params(block, stored, titles)
    if block["why"] == "full":
        return (
            _(
                "choice %(rank)s (“%(title)s”) was full: %(capacity)s places, %(wanted)s students "
                "with it as their first choice"
            )
            % params
        )
    if block["why"] == "closed":
        return _("choice %(rank)s (“%(title)s”) was left out: too few students chose it for a team") % params
    if block["why"] == "rules":
        return _("your together/apart rules did not fit in choice %(rank)s (“%(title)s”)") % params
    return _("choice %(rank)s (“%(title)s”) was needed for students with fewer options") % params


def _join(parts) -> str:
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(first)s and %(last)s") % {"first": "; ".join(parts[:-1]), "last": parts[-1]}


def explain(stored: dict, student_id, current_pa_id, titles: dict, *, audience: str) -> dict | None:
    """``{"label": "2e keuze", "text": "Je kreeg je 2e keuze omdat …", "fair": bool}``
    for one student, or None when the allocation stored no facts for them.
    ``audience`` is "student" (you) or "teacher" (the student). A student
    moved by hand since the run is explained as such."""
    entry = (stored or {}).get("explained", {}).get(str(student_id))
    if entry is None:
        return None
    student = audience == "student"
    here = _title(stored, current_pa_id, titles)
    rank = entry["rank"]
    if current_pa_id is not None and int(entry["pa"]) != int(current_pa_id):
        label = _("placed by hand")
        text = (
            _("Your teacher placed you in this team (“%(title)s”) after the allocation.")
            if student
            else _("Moved by hand after the allocation, to “%(title)s”.")
        ) % {"title": here}
        return {"label": label, "text": text, "fair": False}
    reason = _student_reason if student else _teacher_reason
    reasons = _join(reason(b, stored, titles) for b in entry["blocked"])
    full = any(b["why"] == "full" for b in entry["blocked"])
    if not entry["chose"]:
        label = _("did not choose")
        text = (
            _(
                "You had not handed in your choices when the teams were made, "
                "so you were placed in “%(title)s”, where there was room."
            )
            if student
            else _("Had not chosen when the allocation was made; placed in “%(title)s”, where there was room.")
        ) % {"title": here}
    elif rank is None:
        label = _("none of their choices")
        text = (
            _("You got none of your choices because %(reasons)s. You were placed in “%(title)s”, where there was room.")
            if student
            else _("None of their choices: %(reasons)s. Placed in “%(title)s”, where there was room.")
        ) % {"reasons": reasons, "title": here}
    elif rank == 1:
        label = _("1st choice")
        text = (_("You got your first choice: “%(title)s”.") if student else _("Got their first choice.")) % {
            "title": here
        }
    else:
        label = _("choice no. %(rank)s") % {"rank": rank}
        text = (
            _("You got your choice %(rank)s (“%(title)s”) because %(reasons)s.")
            if student
            else _("Choice %(rank)s because %(reasons)s.")
        ) % {"rank": rank, "title": here, "reasons": reasons}
    return {"label": label, "text": text, "fair": full}
