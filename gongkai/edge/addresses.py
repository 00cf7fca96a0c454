"""Where a request comes from: the visitor's address (through trusted proxies only) and
whether it lies in the campus networks (``GONGKAI_CAMPUS_NETWORKS``), whose visitors read
校内公开 items without signing in."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(spec: str) -> tuple:
    return tuple(ipaddress.ip_network(part.strip(), strict=False)
                 for part in spec.split(",") if part.strip())


def _in_networks(address: str | None, spec: str) -> bool:
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in _networks(spec))


def client_address(request) -> str | None:
    """The visitor's address. `X-Real-IP` counts only when the request came through a
    proxy listed in ``GONGKAI_TRUSTED_PROXIES`` (anyone else could forge it)."""
    remote = request.META.get("REMOTE_ADDR")
    if _in_networks(remote, settings.GONGKAI_TRUSTED_PROXIES):
        forwarded = request.META.get("HTTP_X_REAL_IP")
        if forwarded:
            return forwarded.strip()
    return remote


def is_campus_address(address: str | None) -> bool:
    return _in_networks(address, settings.GONGKAI_CAMPUS_NETWORKS)
