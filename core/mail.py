"""E-mail from text templates, and one switch to mute it.

A template's first line is the subject, the rest the body. The apps' task
functions call ``send_templated`` in the recipient's language; the demo
seeders build their data through the services inside ``muted()`` so nobody is
mailed about it.
"""

import contextlib
import contextvars

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

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
    """Render ``template`` in ``language`` and send it to the addresses ``to``;
    ``attachments`` are ``(filename, content, mimetype)`` triples."""
    with translation.override(language):
        text = render_to_string(template, context).strip()
    subject, _sep, body = text.partition("\n")
    message = EmailMessage(subject.strip(), body.strip() + "\n", to=to)
    for attachment in attachments:
        message.attach(*attachment)
    return message.send()
