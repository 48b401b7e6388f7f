"""A dependency-free SVG line plot for the performance page."""

from __future__ import annotations

from typing import Dict, List, Tuple

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]


def line_plot(series: Dict[str, Dict[int, float]], title: str, x_label: str, y_label: str) -> str:
    width, height, left, right, top, bottom = 640, 400, 70, 20, 40, 50
    points = [(x, y) for values in series.values() for x, y in values.items()]
    max_x = max(x for x, _ in points)
    max_y = max(y for _, y in points) * 1.1 or 1.0

    def at(x: float, y: float) -> Tuple[float, float]:
        return (left + (width - left - right) * x / max_x, height - bottom - (height - top - bottom) * y / max_y)

    parts: List[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">{title}</text>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="black"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="black"/>',
        f'<text x="{width / 2}" y="{height - 12}" text-anchor="middle">{x_label}</text>',
        f'<text x="16" y="{height / 2}" text-anchor="middle" transform="rotate(-90 16 {height / 2})">{y_label}</text>',
    ]
    for i in range(5):
        value = max_y * i / 4
        _, y = at(0, value)
        parts.append(f'<text x="{left - 6}" y="{y + 4}" text-anchor="end">{value:.3g}</text>')
        parts.append(f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="#eee"/>')
    for x in sorted({x for x, _ in points}):
        px, _ = at(x, 0)
        parts.append(f'<text x="{px}" y="{height - bottom + 16}" text-anchor="middle">{x}</text>')
    for n, (name, values) in enumerate(series.items()):
        colour = COLOURS[n % len(COLOURS)]
        coords = " ".join(f"{at(x, y)[0]:.1f},{at(x, y)[1]:.1f}" for x, y in sorted(values.items()))
        parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y in values.items():
            cx, cy = at(x, y)
            parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3" fill="{colour}"/>')
        parts.append(f'<text x="{left + 10}" y="{top + 16 * (n + 1)}" fill="{colour}">{name}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
