"""The permission matrix: every URL of the platform × every demo role.

Each app declares ``MATRIX`` in ``<app>/tests/matrix.py``: a dict from URL name
("namespace:name") to a list of ``Case``. core/tests/test_permission_matrix.py
walks the URL resolver and fails when a URL has no entry, so a new URL cannot
ship without deciding who may reach it.

``expect`` maps every persona (see conftest.PERSONAS) plus "anon" to the status
code it must get. Use ``allow()`` to write the common shapes briefly.
"""

ALL = ["anon", "leerling", "leerling2", "docent", "docent2", "coordinator", "netwerkcoach", "partner", "bureau"]


class Case:
    """``Case(label, expect)`` or ``Case(label, kwargs, expect)``; ``kwargs`` (and
    ``data``) may be a callable that takes the test world."""

    def __init__(self, label, *args, method="get", data=None, query="", htmx=False):
        if len(args) == 1:
            self.kwargs, self.expect = {}, args[0]
        elif len(args) == 2:
            self.kwargs, self.expect = args
        else:
            raise TypeError("Case(label, [kwargs,] expect)")
        self.label = label
        self.method = method
        self.data = data
        self.query = query
        self.htmx = htmx

    def resolve_kwargs(self, world):
        return self.kwargs(world) if callable(self.kwargs) else dict(self.kwargs)

    def resolve_data(self, world):
        if self.data is None:
            return {}
        return self.data(world) if callable(self.data) else dict(self.data)


def allow(ok: int = 200, *, who, denied: int = 404, anon: int = 302, **overrides) -> dict:
    """Expectations: ``who`` get ``ok``, every other persona ``denied``, anonymous
    ``anon`` (the login redirect); ``overrides`` set single personas."""
    result = {name: (ok if name in who else denied) for name in ALL if name != "anon"}
    result["anon"] = anon
    result.update(overrides)
    return result


STAFF_A = {"docent", "coordinator"}
SCHOOL_A = {"leerling", "docent", "coordinator"}
EVERYONE = set(ALL) - {"anon"}
