"""The administrator's path in docs/vault.md works without any project code: the recipe, taken
from the document itself, derives the raw key from the recovery key; plain sqlcipher3 opens it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.support.vaults import create_vault, details

DOC = Path(__file__).resolve().parents[2] / "docs" / "vault.md"
# Any import of the project in the child fails: the recipe must stand alone.
GUARD = "import sys\nsys.modules['triage_desktop'] = None\n"
OPEN_WITH_PLAIN_SQLCIPHER = """
import sqlcipher3
con = sqlcipher3.connect(sys.argv[1])
con.execute('PRAGMA key = "x' + "'" + sys.argv[2] + "'" + '"')
print(con.execute("SELECT reference FROM cases").fetchall()[0][0])
"""


def _recipe() -> str:
    text = DOC.read_text("utf-8")
    block = re.search(r"<!-- recipe:start -->\s*```python\n(.*?)```", text, re.S)
    assert block, "the recipe block is missing from docs/vault.md"
    return block.group(1)


def test_recovery_key_alone_opens_the_database_with_plain_sqlcipher(tmp_path: Path) -> None:
    folder = tmp_path / "v"
    service, recovery = create_vault(folder)
    reference = service.create_case(details()).reference
    service.lock()
    derived = subprocess.run(
        [sys.executable, "-I", "-c", GUARD + _recipe(), str(folder), recovery.lower()],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert re.fullmatch(r"[0-9a-f]{64}", derived)
    query = GUARD + OPEN_WITH_PLAIN_SQLCIPHER
    opened = subprocess.run(
        [sys.executable, "-I", "-c", query, str(folder / "vault.db"), derived],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert opened.stdout.strip() == reference
