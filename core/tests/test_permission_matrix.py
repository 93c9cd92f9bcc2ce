"""Walks every URL of the platform for every demo role (see core/testing/matrix.py)."""

import importlib

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.testing.matrix import ALL

# URLs that are not part of the platform's own pages, with the reason.
# The Django admin is the programme office's tool, guarded by Django's own
# is_staff check; its index is in the matrix (core/tests/matrix.py) to prove that.
EXCLUDED_NAMESPACES = {"admin"}
EXCLUDED_NAMES = {
    # Static files are served by WhiteNoise/runserver, not by a view of ours.
}


def _walk(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace
            yield from _walk(p.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(p, URLPattern):
            yield namespace, p


def platform_url_names():
    names = set()
    unnamed = []
    for namespace, pattern in _walk(get_resolver().url_patterns):
        if namespace.split(":")[0] in EXCLUDED_NAMESPACES:
            continue
        if not pattern.name:
            unnamed.append(str(pattern.pattern))
            continue
        name = f"{namespace}{pattern.name}"
        if name not in EXCLUDED_NAMES:
            names.add(name)
    return names, unnamed


def collect_matrix():
    matrix = {}
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tests.matrix")
        except ModuleNotFoundError as exc:
            if exc.name in (f"{config.name}.tests.matrix", f"{config.name}.tests"):
                continue
            raise
        for name, cases in module.MATRIX.items():
            assert name not in matrix, f"{name} is declared in two matrix files"
            matrix[name] = cases
    return matrix


MATRIX = collect_matrix()


def test_every_url_has_a_matrix_entry():
    names, unnamed = platform_url_names()
    assert not unnamed, f"URL patterns without a name cannot be checked: {unnamed}"
    missing = sorted(names - set(MATRIX))
    assert not missing, f"URLs without a permission-matrix entry: {missing}"
    stale = sorted(set(MATRIX) - names - {"admin:index"})
    assert not stale, f"matrix entries for URLs that do not exist: {stale}"


def test_every_case_names_every_role():
    for name, cases in MATRIX.items():
        for case in cases:
            assert set(case.expect) == set(ALL), f"{name} [{case.label}] must list exactly {ALL}"


CASES = [(name, case) for name, cases in sorted(MATRIX.items()) for case in cases]


@pytest.mark.parametrize(("name", "case"), CASES, ids=[f"{n}[{c.label}]" for n, c in CASES])
def test_permission_matrix(world, name, case):
    # Objects the case needs are made once, outside the per-persona savepoints,
    # so every persona asks for the same object; each request is rolled back.
    url = reverse(name, kwargs=case.resolve_kwargs(world))
    if case.query:
        url = f"{url}?{case.query}"
    data = case.resolve_data(world)
    headers = {"HX-Request": "true"} if case.htmx else {}
    got = {}
    for persona in ALL:
        with transaction.atomic():
            client = Client()
            if persona != "anon":
                client.force_login(world.users[persona])
            response = getattr(client, case.method)(url, data=data, headers=headers)
            got[persona] = response.status_code
            transaction.set_rollback(True)
    mismatches = {p: f"expected {case.expect[p]}, got {got[p]}" for p in ALL if got[p] != case.expect[p]}
    assert not mismatches, f"{name} [{case.label}]: {mismatches}"
