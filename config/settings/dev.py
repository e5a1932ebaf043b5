"""`make run`: the embedded SQLite database, debug pages, the local SSO stand-in."""

from .base import *  # noqa: F403

DEBUG = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
