"""What the fork server of report workers imports once, before it forks them (see :mod:`toolkit.reports.warm`).

Importing this module warms the process up: ``toolkit.reports.batch.run_batch``
names it as its forkserver's preload.
"""

from toolkit.reports.warm import warm_up

warm_up()
