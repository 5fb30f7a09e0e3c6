"""Template helpers for the Content-Security-Policy."""

from django import template
from js_asset import Media

register = template.Library()


@register.filter
def with_nonce(media, nonce):
    """Form media whose inline scripts (the prose editor's import map) carry the request's
    CSP nonce, so the policy needs no 'unsafe-inline': `{{ form.media|with_nonce:CSP_NONCE }}`."""
    if not media:
        return media
    return Media.from_media(media, nonce=str(nonce))
