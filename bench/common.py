"""What every benchmark shares: the scale arguments, the demo books generated once, and a timer.

``demo_books(args)`` returns ``bench/data-s<scale>`` (or ``--data``), generating the demo company
there first when ``marker`` (a glob) finds nothing, and says how long that took. Scripts import it
as ``from common import …`` (they run as ``python bench/<name>.py``, so this folder is on the path).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from dealer_xl.demo import generate_demo

ROOT = Path(__file__).resolve().parent


def timed(fn):
    """(seconds, result) of ``fn()``."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def scale_parser(description: str) -> argparse.ArgumentParser:
    """``--scale`` (default 12 ≈ DESIGN §6), ``--seed`` and ``--data`` (a folder of books to use)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--scale", type=float, default=12.0)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--data", type=Path, help="folder of books (default bench/data-s<scale>)")
    return parser


def demo_books(args: argparse.Namespace, marker: str = "*.xlsx") -> Path:
    """The folder of demo books for ``args``, generated first when ``marker`` finds nothing there."""
    folder = args.data or ROOT / f"data-s{args.scale:g}"
    if not list(folder.glob(marker)):
        secs, _ = timed(lambda: generate_demo(folder, scale=args.scale, seed=args.seed))
        print(f"generated demo at scale {args.scale:g} in {secs:.1f} s → {folder}")
    return folder
