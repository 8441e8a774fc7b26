"""`python -m motcua.cli ...`, the same as the `motcua` command."""
import sys

from . import main

sys.exit(main())
