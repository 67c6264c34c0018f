"""Prefect flows and entry points.

Telemetry is switched off before Prefect or Great Expectations are imported: nothing reaches
the network at run time. A user's own setting wins.
"""

import os

for _name, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "False",
}.items():
    os.environ.setdefault(_name, _value)
