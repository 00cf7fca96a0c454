"""Charts (matplotlib, CJK fonts from Debian): grouped bar charts as SVG for pages and PNG
for documents. SVG keeps text as text, so the browser draws the Chinese with its own
fonts and screen readers can read it."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache

FONTS = ["Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Zen Hei", "AR PL UMing CN", "sans-serif"]


def installed_fonts() -> list[str]:
    """FONTS that are installed (matplotlib warns once per missing family on every chart)."""
    from matplotlib import font_manager

    names = {font.name for font in font_manager.fontManager.ttflist}
    return [name for name in FONTS if name in names or name == "sans-serif"]


def bar_chart(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *,
              fmt: str = "svg", title: str = "", horizontal: bool = False) -> str | bytes:
    """Bars per category, one colour per series. Returns SVG text (`fmt="svg"`) or PNG
    bytes (`fmt="png"`). The same chart is drawn once per process: a report's HTML is
    made twice as it is published (to check, and for the portal), and matplotlib takes
    half a second a chart."""
    return _bar_chart(tuple(categories), tuple((label, tuple(values)) for label, values in series),
                      fmt=fmt, title=title, horizontal=horizontal)


@lru_cache(maxsize=64)
def _bar_chart(categories: tuple[str, ...], series: tuple[tuple[str, tuple[float, ...]], ...], *,
               fmt: str, title: str, horizontal: bool) -> str | bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    plt.rcParams["svg.fonttype"] = "none"
    plt.rcParams["font.family"] = installed_fonts()
    plt.rcParams["axes.unicode_minus"] = False
    count = max(len(categories), 1)
    # At most 11 inches wide: a wider chart is shrunk to the page and its labels with it.
    size = (7, max(2.5, 0.4 * count + 1)) if horizontal else (min(11, max(6, 0.9 * count * max(len(series), 1))), 3.6)
    figure, axis = plt.subplots(figsize=size)
    width = 0.8 / max(len(series), 1)
    for index, (label, values) in enumerate(series):
        positions = [i + index * width for i in range(len(categories))]
        draw = axis.barh if horizontal else axis.bar
        bars = draw(positions, values, width, label=label)
        axis.bar_label(bars, fontsize=8)
    ticks = [i + width * (len(series) - 1) / 2 for i in range(len(categories))]
    (axis.set_yticks if horizontal else axis.set_xticks)(ticks, list(categories), fontsize=9)
    if horizontal:
        axis.invert_yaxis()
    if len(series) > 1:
        axis.legend(fontsize=8)
    if title:
        axis.set_title(title, fontsize=11)
    axis.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    if fmt == "png":
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=150)
        plt.close(figure)
        return buffer.getvalue()
    text = io.StringIO()
    figure.savefig(text, format="svg")
    plt.close(figure)
    svg = text.getvalue()
    return svg[svg.index("<svg"):]
