import sys

from triage_desktop.cli import main

sys.exit(main())
