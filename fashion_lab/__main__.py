"""``python -m fashion_lab``: see fashion_lab.cli."""

import signal
import sys

from fashion_lab.cli import main


def _stop_as_ctrl_c(signum, frame):
    """SIGTERM (``kill``, ``timeout``, a service manager) stops a run as Ctrl-C does: training
    after the current few batches, keeping what it learnt; photographing at the next photo, its
    worker processes with it (killed outright, the CLI left them photographing for minutes).
    Once: a second SIGTERM (``timeout`` sends it to the group too) must not cut the stop short."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


# only here, in the program's own process: the photo workers are spawned, and spawn does not run
# a package's __main__ again (forked, they would inherit it; they block SIGTERM anyway)
signal.signal(signal.SIGTERM, _stop_as_ctrl_c)
sys.exit(main())
