"""Security measures a user or an attacker would notice: the CSP, lockout, two factors."""

import re

from django.urls import reverse


def test_the_prose_editors_inline_import_map_carries_the_policys_nonce(
    client, editor_minbz, submission_minbz
):
    client.force_login(editor_minbz)
    response = client.get(reverse("reporting:submission", args=[submission_minbz.pk]))
    nonce = re.search(r'<script type="importmap" nonce="([^"]+)"', response.text)[1]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    # Every other script is a file of our own, allowed by 'self'.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.text)
    assert all(f'nonce="{nonce}"' in attributes for attributes in inline), inline
