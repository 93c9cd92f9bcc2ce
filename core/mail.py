"""E-mail from text templates, and one switch to mute it.

A template's first line is the subject, the rest the body. The apps' task
functions call ``send_templated`` in the recipient's language; the demo
seeders build their data through the services inside ``muted()`` so nobody is
mailed about it.
"""

import contextlib
import contextvars

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string

_muted = contextvars.ContextVar("techmakers_mail_muted", default=False)


@contextlib.contextmanager
def muted():
    """No mail is queued inside this block."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def is_muted() -> bool:
    return _muted.get()


def send_templated(template, context, to, language, attachments=()) -> int:
    """Render ``template`` in ``language`` and hand it to the outbox for the
    addresses ``to`` (setting ``MAIL_DELIVERY``: recorded, sent, retried when it
    fails); ``attachments`` are ``(filename, content, mimetype)`` triples."""
    with translation.override(language):
        text = render_to_string(template, context).strip()
    subject, _sep, body = text.partition("\n")
    deliver = import_string(settings.MAIL_DELIVERY)
    return deliver(subject.strip(), body.strip() + "\n", to, attachments, source=template)
