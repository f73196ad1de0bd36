"""WSGI entry point: public snapshots first, then Django."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from solidarity.lib.snapshots import SnapshotApp, drop_other_versions
from solidarity.places.geocode import preload

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")

django_application = get_wsgi_application()
preload()  # build the gazetteer index while the worker starts, not during a supporter's first request
drop_other_versions(settings.SNAPSHOT_ROOT)  # pages rendered by the code before an upgrade
application = SnapshotApp(
    django_application, lambda: settings.SNAPSHOT_ROOT, r"^/[a-z]{2}/(c/[a-z0-9\-]+/((map|photos)/)?)?$"
)
