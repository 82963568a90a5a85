"""Where the repository is, and which of its folders no output may ever be written into."""
from __future__ import annotations

from pathlib import Path

__all__ = ["REPO_ROOT", "PROTECTED"]

#: The repository's root folder (the folder that holds ``dtlib/``).
REPO_ROOT = Path(__file__).resolve().parents[2]

#: The repository's folders that hold the tables, the source texts, the code and the history: a pack
#: (``report --out``) or a candidate file (``extract --out``) is never written inside them.
PROTECTED = ("notebooks", "data", "dtlib", "tests", ".git")
