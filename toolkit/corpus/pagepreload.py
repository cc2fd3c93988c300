"""What a fork server of page-extraction workers imports once, before it forks them (see ``pagework``).

trafilatura and its parsers take about 0.2 s to import (more from a cold disk); imported here, each worker
starts with them in milliseconds.
"""

from toolkit.corpus.pages import import_trafilatura

import_trafilatura()
