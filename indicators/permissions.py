import rules

from signatories.permissions import maintains_framework

for model in ("actionplan", "theme", "strategicgoal", "subgoal", "indicator"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"indicators.{action}_{model}", maintains_framework)

rules.add_perm("indicators", maintains_framework)  # the app in the admin's index

# Everyone who can log in may read the framework: it is public policy.
rules.add_perm("indicators.browse_framework", rules.is_authenticated)
