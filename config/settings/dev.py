"""`make run`: the embedded SQLite database, debug pages, the local SSO stand-in."""

import os

from .base import *  # noqa: F403

# `make run` is what people try the platform with: they get the platform's own Chinese error pages.
# Developers who want Django's debug pages run with DJANGO_DEBUG=1.
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

CERTIFICATE_CREATE_MISSING_KEYS = True
