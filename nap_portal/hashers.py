"""Password hashing: Django's PBKDF2 by default, or Argon2id at OWASP's minimum (opt-in).

PBKDF2-SHA256 at Django's 1,000,000 iterations costs 0.23 s of CPU per login on the load
test's machine; at deadline-day rates (10 people a second) the logins alone need more CPU
than two cores have. OWASP's Password Storage Cheat Sheet names Argon2id with 19 MiB of
memory, 2 iterations and 1 lane as a configuration of the same standing; it costs 25 ms of
CPU. PBKDF2 stays the default: it is the one FIPS 140 allows, should that be required.
Which one is the owner's choice: PASSWORD_HASHER=argon2id (settings.py). Either way
both stay in PASSWORD_HASHERS, so existing passwords keep working and are re-hashed with
the chosen one at their next login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    """Argon2id with OWASP's minimum parameters (Django's own default is 100 MiB and 8
    lanes: 0.26 s of CPU, and 100 MiB for every login in flight)."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
