"""Forms of the organisation's own pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form


class RegionDecisionForm(Form):
    """The coach's (or office's) answer to a partner's region proposal: the
    button pressed."""

    decision = forms.ChoiceField(label=_("Decision"), choices=[("approve", _("Approve")), ("reject", _("Reject"))])
