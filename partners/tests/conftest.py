import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def dutch():
    """Services return messages in the active language; users see Dutch."""
    with translation.override("nl"):
        yield
