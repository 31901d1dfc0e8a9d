"""`python -m tui` runs the same command line as `gloss`."""

import sys

from tui.cli import main

sys.exit(main())
