"""Marking several books as one change: all of them or none (``validate --mark``).

Guarantees of :func:`mark_books`:

- **every target is checked first**: each book that would be written (it has problems to mark or
  marks to clear) is checked with :func:`dealer_xl.io.safety.check_writable` — lock files,
  read-only, not a workbook package — before any is opened for writing. When one or more are refused, nothing is written and one BookError names
  every refused book with its reason;
- **all or none**: the books are marked in one :func:`dealer_xl.io.journal.transaction`. When a
  later book fails while writing (it changed on disk, got locked, the disk filled), the books
  already marked in this run are put back byte for byte and the BookError says so; when the process
  is killed half way, the next dealer_xl command puts them back. Each book's own write keeps the
  writer's guarantees (backup, atomic replace).
"""

from __future__ import annotations

from pathlib import Path

from dealer_xl.io.journal import transaction
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
    marked = {path: 0 for path in targets}
    if not to_write:
        return marked
    with transaction(next(iter(to_write)).parent, list(to_write), "标注问题") as tx:
        for path, located in to_write.items():
            try:
                marked[path] = mark_problems(path, located)
            except BookError as e:
                restored = tx.rollback()
                done = f"；已将 {'、'.join(restored)} 恢复为标注前的内容" if restored else ""
                raise BookError(f"标注 {path.name} 失败：{e}{done}") from e
    return marked
