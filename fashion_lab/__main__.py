"""``python -m fashion_lab``: see fashion_lab.cli."""

import sys

from fashion_lab.cli import main

sys.exit(main())
