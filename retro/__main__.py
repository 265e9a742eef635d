"""``python -m retro``.  Ctrl-C while retro is still starting up ends it quietly (exit 130)."""

import sys

try:
    from .cli import entry
except KeyboardInterrupt:
    sys.exit(130)

entry()
