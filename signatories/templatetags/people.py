from django import template

from ..permissions import invites_people

register = template.Library()


@register.filter
def invites(user):
    """Whether the menu offers "Uitnodigingen": coordinators, administrators, lead editors."""
    return invites_people.test(user)
