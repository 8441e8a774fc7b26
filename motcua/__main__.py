"""`python -m motcua ...`, the same as the `motcua` command."""
import sys

from .cli import main

sys.exit(main())
