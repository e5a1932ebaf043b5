"""WSGI entry point of the SSO stand-in; serve with at least two threads or workers (the
platform calls back into the token endpoint while a browser request may be waiting)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.idp")
application = get_wsgi_application()
