"""The key chart of a report pack as a PNG, for email (mail clients cannot show Excel charts).

Guarantees: Chinese labels render with a CJK font — Noto Sans CJK (Debian's fonts-noto-cjk) or
another installed CJK family, chosen explicitly, never matplotlib's default that shows boxes; the
PNG carries no timestamp or software tag, so the same figures give the same bytes; matplotlib runs
headless (Agg) and no figure is left open; a chart of counts has whole-number ticks only (no 0, 0, 1, 1).
"""

from __future__ import annotations

import io
from decimal import Decimal
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "WenQuanYi Zen Hei",
                "Microsoft YaHei", "SimHei", "PingFang SC")


@lru_cache(maxsize=1)
def cjk_font() -> font_manager.FontProperties | None:
    """The first installed CJK font of :data:`CJK_FAMILIES`, None when there is none."""
    for family in CJK_FAMILIES:
        try:
            path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
        except ValueError:
            continue
        return font_manager.FontProperties(fname=path)
    return None


def bar_chart_png(title: str, categories: list[str], series: dict[str, list]) -> bytes:
    """A grouped bar chart (one bar per series and category) as PNG bytes."""
    font = cjk_font()
    fig = Figure(figsize=(7.5, 3.6), dpi=100)
    ax = fig.add_subplot()
    n = max(len(series), 1)
    width = 0.8 / n
    positions = range(len(categories))
    for k, (name, values) in enumerate(series.items()):
        ax.bar([p + k * width - 0.4 + width / 2 for p in positions],
               [float(v or Decimal(0)) for v in values], width, label=name)
    ax.set_xticks(list(positions))
    ax.set_xticklabels(categories, fontproperties=font, rotation=20 if len(categories) > 5 else 0)
    ax.set_title(title, fontproperties=font)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    if all(isinstance(v, int) for values in series.values() for v in values):  # counts: whole ticks only
        ax.yaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    if len(series) > 1:
        ax.legend(prop=font)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
