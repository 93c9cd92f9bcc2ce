"""``{% cache %}`` keys for the portfolio's cached fragments (see portfolio.fragments)."""

from django import template

from portfolio.fragments import fragment_key

register = template.Library()
register.filter("fragment_key", fragment_key)
