from django import template

register = template.Library()


@register.filter
def reflection_state(experience, today):
    """``experience.reflection_state(today)``: reflected, prepared,
    to_prepare, to_look_back or open (``portfolio.models.Experience``)."""
    return experience.reflection_state(today)
