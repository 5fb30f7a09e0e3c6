"""Charts as SVG, drawn on the server with matplotlib (issue 15).

No JavaScript: the page shows the SVG as an image with a short text alternative, and a
table of the same figures beside it for anyone who would rather read (or cannot see) them.
The text stays text in the SVG (svg.fonttype "none"), and the output is the same for the
same figures (fixed hash salt, no date), so it can be cached and compared.
"""

from io import BytesIO

COLOUR = "#3b1f6e"  # the portal's dark purple: 11:1 against white
MUTED = "#6c757d"
HIGHLIGHT = "#a4123f"


def _new_figure(**options):
    """A figure in the portal's style. matplotlib is imported on first use: it takes a
    while, and only charts need it."""
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "nap1325",
            "font.family": "sans-serif",
            "font.size": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return Figure(layout="constrained", **options)


def _figure(width=7.5, height=3.2):
    figure = _new_figure(figsize=(width, height))
    return figure, figure.add_subplot()


def _svg(figure, title, format="svg"):
    """The figure as SVG, or as PNG (for Word, which takes no SVG without a fallback)."""
    out = BytesIO()
    if format == "png":
        figure.savefig(out, format="png", dpi=150, metadata={"Title": title})
    else:
        metadata = {"Title": title, "Date": None, "Creator": None}
        figure.savefig(out, format="svg", metadata=metadata)
    return out.getvalue()


def horizontal_bars(labels, values, *, title, unit="", maximum=None, format="svg"):
    """One bar per label (top to bottom in the given order), its value at its end."""
    height = max(1.6, 0.38 * len(labels) + 0.8)
    figure, axes = _figure(height=height)
    positions = list(range(len(labels)))[::-1]
    bars = axes.barh(positions, values, color=COLOUR, height=0.6)
    axes.set_yticks(positions, labels=labels)
    axes.bar_label(bars, labels=[f"{value:g}{unit}" for value in values], padding=3)
    if maximum is not None:
        axes.set_xlim(0, maximum * 1.08)
    axes.set_title(title, loc="left")
    return _svg(figure, title, format)


def over_the_years(labels, totals, series, *, title, formatted, named=5):
    """A numeric indicator over the rounds: the total as columns (above), and each
    signatory's value as a line (below; the `named` largest named at their end)."""
    figure = _new_figure(figsize=(7.5, 5.6))
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=[1, 1.3])
    positions = list(range(len(labels)))
    bars = top.bar(positions, [t if t is not None else 0 for t in totals], color=COLOUR, width=0.6)
    top.bar_label(bars, labels=formatted, padding=3)
    top.set_title(title, loc="left")
    top.margins(y=0.2)
    last = lambda values: next((v for v in reversed(values) if v is not None), 0)  # noqa: E731
    ranked = sorted(series, key=lambda item: -last(item[1]))
    for rank, (name, values) in enumerate(ranked):
        points = [(x, v) for x, v in zip(positions, values, strict=True) if v is not None]
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        shown = rank < named
        bottom.plot(
            xs,
            ys,
            marker="o",
            markersize=3,
            linewidth=1.5 if shown else 0.8,
            color=COLOUR if shown else MUTED,
            alpha=1 if shown else 0.5,
        )
        if shown:
            bottom.annotate(
                name,
                (xs[-1], ys[-1]),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
    bottom.set_ylim(bottom=0)
    bottom.margins(y=0.15)
    bottom.set_title(_per_signatory_title(), loc="left", fontsize=10)
    bottom.set_xticks(positions, labels=labels)
    bottom.set_xlim(-0.5, len(labels) - 0.2)
    return _svg(figure, title)


def indicator_over_years(indicator, rounds, rows, totals):
    """The chart of a numeric indicator's figures over the rounds (the per-indicator page and
    the public monitor): rows as reporting.selectors.indicator.over_the_years gives them."""
    from django.utils.translation import gettext as _

    from .selectors.indicator import figure

    return over_the_years(
        [round.label for round in rounds],
        [float(total) if total is not None else None for total in totals],
        [
            (signatory.code, [float(v) if v is not None else None for v in values])
            for signatory, values in rows
        ],
        title=_("%(number)s: totaal per ronde") % {"number": indicator.number},
        formatted=[figure(indicator, total) for total in totals],
    )


def _per_signatory_title():
    from django.utils.translation import gettext as _

    return _("Per ondertekenaar")


def cumulative(days, counts, *, title, total, start, today, deadline):
    """A step line of how many have handed in by each day from `start` (the round's opening)
    until `today`, with the deadline (a vertical line) and `total` (dashed) ahead."""
    from datetime import timedelta

    from matplotlib.dates import DateFormatter

    figure, axes = _figure(height=3)
    end = max([deadline, *days])
    until = max([min(today, end), *days])
    axes.step(
        [start, *days, until],
        [0, *counts, counts[-1] if counts else 0],
        where="post",
        color=COLOUR,
        linewidth=2,
    )
    axes.axhline(total, color=MUTED, linestyle="--", linewidth=1)
    axes.axvline(deadline, color=HIGHLIGHT, linewidth=1)
    axes.set_xlim(start, end + timedelta(days=1))
    axes.set_ylim(0, max(total, 1) * 1.1)
    axes.xaxis.set_major_formatter(DateFormatter("%d-%m"))
    axes.set_title(title, loc="left")
    return _svg(figure, title)
