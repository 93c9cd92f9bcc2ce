"""Form pieces every app uses: the date widgets (the browser's own pickers,
ISO values so every browser and language reads them), turning a domain
ValidationError into form errors, and the base classes of every form (one-line
fields refuse control characters)."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from core.params import parse_int


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def add_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its fields where the
    error names them, otherwise above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in error.messages:
            form.add_error(None, message)


# --- One line means one line ----------------------------------------------------------
# A title, name or subject with a line break, a tab or another control character
# breaks what it ends up in: a mail header (BadHeaderError, issue 13), a CSV row,
# a calendar line. Every form of the platform derives from ``Form`` or ``ModelForm``
# below (core/tests/test_forms.py walks them all); each of its text fields shown as
# one line (any widget but a Textarea) refuses control characters. NUL is refused by
# Django's own ProhibitNullCharactersValidator on every CharField, text areas included.


@deconstructible
class SingleLineValidator:
    message = _("Keep this on one line: no line breaks, tabs or other control characters.")
    code = "control_characters"

    def __call__(self, value):
        if value and any(unicodedata.category(c) == "Cc" and c != "\x00" for c in str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, SingleLineValidator)

    def __hash__(self):
        return hash(SingleLineValidator)


single_line = SingleLineValidator()


def is_single_line(field) -> bool:
    """A text field the browser shows as one line (anything but a text area)."""
    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.Textarea)


class SingleLineFields:
    """Before validating (so fields a form adds in its ``__init__`` count too):
    adds ``single_line`` to every one-line text field, and makes every choice of
    rows by number refuse a number no database column holds (Django passes
    "99999999999999999999" to the database, which fails: a server error)."""

    def full_clean(self):
        for field in self.fields.values():
            if is_single_line(field) and single_line not in field.validators:
                field.validators.append(single_line)
            if isinstance(field, forms.ModelMultipleChoiceField) and not getattr(field, "_ids_checked", False):
                field.clean = _ids_checked_first(field, field.clean)
                field._ids_checked = True
        super().full_clean()


def _ids_checked_first(field, clean):
    """``field.clean`` that first refuses values that cannot be an integer key."""
    key = field.queryset.model._meta.get_field(field.to_field_name) if field.to_field_name else None
    key = key or field.queryset.model._meta.pk
    if key.get_internal_type() not in ("AutoField", "BigAutoField", "IntegerField", "BigIntegerField"):
        return clean

    def checked(value):
        for item in value if isinstance(value, list | tuple) else [value] if value else []:
            if parse_int(item, min=-(2**63), max=2**63 - 1) is None:
                message = field.error_messages["invalid_pk_value"]
                raise ValidationError(message, code="invalid_pk_value", params={"pk": item})
        return clean(value)

    return checked


class Form(SingleLineFields, forms.Form):
    """The base of every plain form of the platform."""


class ModelForm(SingleLineFields, forms.ModelForm):
    """The base of every model form of the platform."""
