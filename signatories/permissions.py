"""Roles and who may do what with signatories and people.

Every role check in the portal goes through these predicates; other apps combine them.
"""

import rules


@rules.predicate
def is_coordinator(user):
    return user.is_authenticated and user.is_active and user.is_coordinator


@rules.predicate
def is_reader(user):
    return user.is_authenticated and user.is_active and user.is_reader


@rules.predicate
def is_administrator(user):
    return user.is_authenticated and user.is_active and user.is_superuser


@rules.predicate
def is_editor(user):
    """Edits the reports of at least one signatory."""
    return user.is_authenticated and user.is_active and user.memberships.exists()


@rules.predicate
def is_member_of(user, signatory):
    if not (user.is_authenticated and user.is_active) or signatory is None:
        return False
    # Asked more than once per request (may view, may write, may withdraw): remembered on
    # the user object, which lives for one request.
    known = getattr(user, "_member_of", None)
    if known is None:
        known = {}
        user._member_of = known
    if signatory.pk not in known:
        known[signatory.pk] = user.memberships.filter(signatory=signatory).exists()
    return known[signatory.pk]


maintains_framework = is_coordinator | is_administrator

# Coordinators maintain signatories and memberships in the admin; people's roles and
# passwords only administrators (a coordinator cannot make anyone a coordinator or superuser).
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"signatories.{action}_signatory", maintains_framework)
    rules.add_perm(f"signatories.{action}_signatorykind", maintains_framework)
    rules.add_perm(f"signatories.{action}_membership", maintains_framework)
    rules.add_perm(f"signatories.{action}_user", is_administrator)
rules.set_perm("signatories.view_user", maintains_framework)
# The admin's index lists an app for whoever has its module permission.
rules.add_perm("signatories", maintains_framework)

rules.add_perm("signatories.view_own_signatory", is_member_of | is_coordinator)


@rules.predicate
def is_lead_editor_of(user, signatory):
    if not (user.is_authenticated and user.is_active) or signatory is None:
        return False
    return user.memberships.filter(signatory=signatory, is_lead=True).exists()


@rules.predicate
def is_approver_of(user, signatory):
    """Approves ("accordeert") the signatory's report before it goes to the coordinators."""
    if not (user.is_authenticated and user.is_active) or signatory is None:
        return False
    return user.memberships.filter(signatory=signatory, is_approver=True).exists()


@rules.predicate
def is_lead_editor(user):
    if not (user.is_authenticated and user.is_active):
        return False
    return user.memberships.filter(is_lead=True).exists()


# Coordinators and administrators invite anyone; a lead editor colleagues into their own
# organisation (signatories.invitations.may_invite adds the role to this).
invites_people = is_coordinator | is_administrator | is_lead_editor
