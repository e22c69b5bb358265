"""Charts for the admin, drawn on the server as inline SVG: the pages need no script and no build.

Every label goes through `escape`; the functions return safe markup ready for a template.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from autotrain import catalog

KEPT_COLOR = "#2e7d32"
REASON_COLORS = {
    "low_quality": "#c62828",
    "truncated": "#d84315",
    "judge": "#ad1457",
    "duplicate": "#ef6c00",
    "generation_error": "#6a1b9a",
    "cancelled": "#9e9e9e",
}
_GENRE_PALETTE = ["#1565c0", "#6a1b9a", "#00838f", "#5d4037", "#c62828", "#ad1457", "#2e7d32", "#ef6c00"]
GENRE_COLORS = {key: _GENRE_PALETTE[i % len(_GENRE_PALETTE)] for i, key in enumerate(catalog.GENRE_KEYS)}
OTHER_COLOR = "#607d8b"
FONT = 'font-family="system-ui, sans-serif" font-size="11"'


@dataclass(frozen=True)
class Segment:
    value: float
    color: str
    label: str


def _fmt(number: float) -> str:
    return f"{number:g}" if isinstance(number, float) else str(number)


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[Segment]]],
    *,
    title: str,
    width: int = 640,
    label_width: int = 140,
    bar_height: int = 18,
) -> SafeString:
    """Horizontal bars, one per row, each stacked from its segments; the row's total at the end."""
    if not rows:
        return mark_safe('<p class="help">No data.</p>')
    gap = 6
    scale_width = width - label_width - 60
    largest = max((sum(s.value for s in segments) for _, segments in rows), default=0) or 1
    height = len(rows) * (bar_height + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for i, (label, segments) in enumerate(rows):
        y = gap + i * (bar_height + gap)
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height - 5}" text-anchor="end" {FONT} '
            f'fill="currentColor">{escape(label)}</text>'
        )
        x = float(label_width)
        total = 0.0
        for segment in segments:
            if segment.value <= 0:
                continue
            w = segment.value / largest * scale_width
            total += segment.value
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{max(w, 1):.1f}" height="{bar_height}" fill="{segment.color}">'
                f"<title>{escape(label)}: {escape(segment.label)} {_fmt(segment.value)}</title></rect>"
            )
            x += w
        parts.append(
            f'<text x="{x + 4:.1f}" y="{y + bar_height - 5}" {FONT} fill="currentColor">{_fmt(total)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def histogram(
    bins: Sequence[dict],
    *,
    title: str,
    threshold: float | None = None,
    width: int = 640,
    height: int = 220,
) -> SafeString:
    """Vertical bars per score bin (`low`, `high`, `kept`, `rejected`), kept stacked under rejected,
    with a dashed line at the quality threshold."""
    left, bottom, top = 40, 24, 10
    plot_w, plot_h = width - left - 10, height - bottom - top
    largest = max((b["kept"] + b["rejected"] for b in bins), default=0) or 1
    span = (bins[-1]["high"] - bins[0]["low"]) if bins else 10.0
    bar_w = plot_w / max(len(bins), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="currentColor"/>',
        f'<text x="{left - 4}" y="{top + 8}" text-anchor="end" {FONT} fill="currentColor">{largest}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" {FONT} fill="currentColor">0</text>',
    ]
    for i, b in enumerate(bins):
        x = left + i * bar_w
        y = top + plot_h
        for key, color in (("kept", KEPT_COLOR), ("rejected", REASON_COLORS["low_quality"])):
            if b[key]:
                h = b[key] / largest * plot_h
                y -= h
                parts.append(
                    f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" fill="{color}">'
                    f"<title>{_fmt(b['low'])}–{_fmt(b['high'])}: {b[key]} {key}</title></rect>"
                )
        if i % 2 == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{height - 8}" text-anchor="middle" {FONT} '
                f'fill="currentColor">{_fmt(b["low"])}</text>'
            )
    if bins:
        parts.append(
            f'<text x="{left + plot_w:.1f}" y="{height - 8}" text-anchor="middle" {FONT} '
            f'fill="currentColor">{_fmt(bins[-1]["high"])}</text>'
        )
    if threshold is not None and bins:
        tx = left + (threshold - bins[0]["low"]) / span * plot_w
        parts.append(
            f'<line x1="{tx:.1f}" y1="{top}" x2="{tx:.1f}" y2="{top + plot_h}" stroke="currentColor" '
            f'stroke-dasharray="4 3"><title>threshold {_fmt(threshold)}</title></line>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def distribution_strip(distribution: dict[str, int], *, width: int = 120, height: int = 10) -> SafeString:
    """A one-line stacked strip of counts per genre, for a list row; hover names each part."""
    total = sum(distribution.values())
    if not total:
        return mark_safe("")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'aria-label="genre distribution" style="vertical-align: middle">'
    ]
    x = 0.0
    for genre, count in distribution.items():
        w = count / total * width
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" '
            f'fill="{GENRE_COLORS.get(genre, OTHER_COLOR)}"><title>{escape(genre)}: {count}</title></rect>'
        )
        x += w
    parts.append("</svg>")
    return mark_safe("".join(parts))


def legend(items: Sequence[tuple[str, str]]) -> SafeString:
    """Colour keys for a chart: (label, colour) pairs."""
    return mark_safe(
        " ".join(
            f'<span style="white-space: nowrap; margin-right: 1em"><span style="display: inline-block; '
            f'width: 10px; height: 10px; background: {color}"></span> {escape(label)}</span>'
            for label, color in items
        )
    )
