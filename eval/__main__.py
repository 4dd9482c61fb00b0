"""`python -m eval SET.jsonl …` — the same as `civic eval SET.jsonl …`."""
import sys

from .cli import main

sys.exit(main())
