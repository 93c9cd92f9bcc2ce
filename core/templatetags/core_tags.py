from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination
    and sorting links that keep the active filters)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def render_panel(context, panel):
    """Render a dashboard panel (a dict with a ``template`` key) with its own
    values on top of the page context."""
    from django.template.loader import get_template

    template = get_template(panel["template"])
    with context.push(**panel):
        return template.template.render(context)


@register.simple_tag
def form_token():
    """The one-time token of a POST form (core/submissions.py): put it in every
    ``<form method="post">`` next to ``{% csrf_token %}``."""
    from django.utils.html import format_html

    from core.submissions import FIELD, new_token

    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
