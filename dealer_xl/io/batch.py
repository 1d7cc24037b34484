"""Marking several books as one change: all of them or none (``validate --mark``).

Guarantees of :func:`mark_books`:

- **every target is checked first**: each book that would be written (it has problems to mark or
  marks to clear) is checked with :func:`dealer_xl.io.safety.check_writable` — lock files,
  read-only, not a workbook package — before any is opened for writing. When one or more are refused, nothing is written and one BookError names
  every refused book with its reason;
- **all or none**: when a later book fails while writing (it changed on disk, got locked, the
  disk filled), the books already marked in this run are put back byte for byte (atomically, the
  same way the writer replaces a book) and the BookError says so. Each book's own write keeps the
  writer's guarantees (backup, atomic replace).
"""

from __future__ import annotations

import os
from pathlib import Path

from dealer_xl.io.backups import temporary_name
from dealer_xl.io.safety import check_writable
from dealer_xl.io.writer import has_marks, mark_problems
from dealer_xl.problems import BookError, Problem


def mark_books(targets: dict[Path, list[Problem]]) -> dict[Path, int]:
    """Mark each book's located problems (clearing old marks); returns cells marked per book."""
    to_write = {path: [p for p in problems if p.cell] for path, problems in targets.items()}
    to_write = {path: located for path, located in to_write.items() if located or has_marks(path)}
    refused = []
    for path in to_write:
        try:
            check_writable(path)
        except BookError as e:
            refused.append(str(e))
    if refused:
        raise BookError(f"未标注任何台账（需全部可写入才标注）：{'；'.join(refused)}")
    originals: dict[Path, bytes] = {}
    marked = {path: 0 for path in targets}
    for path, located in to_write.items():
        before = path.read_bytes()
        try:
            marked[path] = mark_problems(path, located)
        except BookError as e:
            restored = [p.name for p, data in originals.items() if _restore(p, data)]
            done = f"；已将 {'、'.join(restored)} 恢复为标注前的内容" if restored else ""
            raise BookError(f"标注 {path.name} 失败：{e}{done}") from e
        originals[path] = before
    return marked


def _restore(path: Path, data: bytes) -> bool:
    tmp = temporary_name(path)
    try:
        with open(tmp, "xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        return True
    except OSError:
        return False
    finally:
        tmp.unlink(missing_ok=True)
