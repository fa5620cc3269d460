"""Pure functions: tables in, plotly figures out. No widgets, no display, no global state.

Every figure carries a text description for screen readers in ``fig.layout.meta["description"]``
(read it with ``description(fig)``); the widgets print it under the chart. Colours come from the
Okabe-Ito palette, which stays distinguishable with the common forms of colour blindness.
"""
from __future__ import annotations

import json
import os
import textwrap
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from ..data_package import tables

if TYPE_CHECKING:  # only for the annotation of all_weightings: numpy loads when it is called
    import numpy as np

# Okabe & Ito (2008), colour-blind-safe
BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, YELLOW, GREY = (
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#999999")
YEAR_COLOURS = {2006: BLUE, 2020: ORANGE}
YEAR_SYMBOLS = {2006: "circle", 2020: "diamond"}  # shape as well as colour
PATTERNS = ["", "/", "\\", "x", ".", "+"]  # bar fills, so verdicts differ by more than colour
FONT = dict(family="Arial, sans-serif", size=14)
# An explicit, small style instead of a named template: applying "plotly_white" deep-copies a large
# template on every update, which made a widget update take ~50 ms instead of ~10 ms.
AXIS = dict(gridcolor="#e5e5e5", linecolor="#999999", zerolinecolor="#cccccc", automargin=True)


class Chart(go.Figure):
    """A plotly figure that draws itself without plotly.io's renderers.

    Shown as a cell's result, a plotly figure asks plotly.io's renderers for its display, and they import
    nbformat (only to check its version) and with it jsonschema: about 0.3 s and 6 MB in every kernel that
    shows a chart (measured December 2026). A Chart sends the same bundle plotly's default renderer in
    JupyterLab ("plotly_mimetype") sends, built with plotly.io.to_json. Where a renderer is chosen on
    purpose (PLOTLY_RENDERER, as the handouts do for a self-contained HTML file), plotly's own path runs.
    """

    def _bundle(self) -> dict:
        return {"application/vnd.plotly.v1+json": json.loads(
            pio.to_json(self.to_dict(), validate=False, remove_uids=False))}

    def _repr_mimebundle_(self, include=None, exclude=None, validate=True, **kwargs):
        if os.environ.get("PLOTLY_RENDERER"):
            return super()._repr_mimebundle_(include, exclude, validate, **kwargs)
        return self._bundle()

    def _ipython_display_(self):
        """What IPython calls first for a cell's result: plotly's own goes through its renderers."""
        if os.environ.get("PLOTLY_RENDERER"):
            return super()._ipython_display_()
        from IPython.display import display
        display(self._bundle(), raw=True)


def new_figure(*traces) -> Chart:
    """A figure with an empty template (fast to build, copy and send)."""
    return Chart(list(traces), layout=go.Layout(template=go.layout.Template()))


def description(fig: go.Figure) -> str:
    """The figure's text description (what a screen reader reads)."""
    meta = fig.layout.meta
    return (meta or {}).get("description", "") if isinstance(meta, dict) else ""


def _finish(fig: go.Figure, title: str, text: str, height: int = 420) -> go.Figure:
    fig.update_layout(title=dict(text=title, x=0), font=FONT, height=height, plot_bgcolor="white",
                      paper_bgcolor="white", margin=dict(l=10, r=10, t=60, b=40), meta={"description": text},
                      xaxis=AXIS, yaxis=AXIS)
    return fig


def _number(x) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")


LABEL_WIDTH = 40  # characters on one line of an option's name beside a bar


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(str(text), width)) if text else ""


# -- 2006 vs 2020 --------------------------------------------------------------------------------
def _row_label(row) -> str:
    who = row.claimed_by if isinstance(row.claimed_by, str) and row.claimed_by else "sources"
    return f"{row.year}: {who}"


def _row_words(row) -> str:
    if pd.notna(row.low) and pd.notna(row.high):
        return f"{_number(row.low)} to {_number(row.high)}"
    if pd.notna(row.value):
        return _number(row.value)
    if pd.notna(row.low):
        return f"at least {_number(row.low)}"
    if pd.notna(row.high):
        return f"up to {_number(row.high)}"
    return "no number"


def comparison_figure(measure: str, rows: pd.DataFrame | None = None) -> go.Figure:
    """One measure, 2006 beside 2020: numbers as points, estimates as ranges; words as a table."""
    rows = tables.compare(measure) if rows is None else rows
    label = rows["measure"].iloc[0] if len(rows) else str(measure)
    numeric = rows[rows[["value", "low", "high"]].notna().any(axis=1)]
    fig = new_figure()
    if len(numeric):
        unit = next((u for u in numeric["unit"] if isinstance(u, str) and u), "")
        for row in numeric.itertuples():
            y = _row_label(row)
            colour = YEAR_COLOURS.get(row.year, GREY)
            hover = _wrap(row.text, 70)
            if pd.notna(row.low) and pd.notna(row.high):
                fig.add_trace(go.Scatter(
                    x=[row.low, row.high], y=[y, y], mode="lines+markers+text", name=str(row.year),
                    line=dict(color=colour, width=8), marker=dict(symbol="line-ns-open", size=18, color=colour),
                    text=["", _row_words(row)], textposition="middle right",  # small ranges stay readable
                    hovertext=[hover, hover], hoverinfo="text", legendgroup=str(row.year), showlegend=False))
            else:
                x = row.value if pd.notna(row.value) else (row.low if pd.notna(row.low) else row.high)
                symbol = YEAR_SYMBOLS.get(row.year, "circle")
                if pd.isna(row.value) and pd.notna(row.low):
                    symbol = "triangle-right"  # "at least": the real value lies to the right
                fig.add_trace(go.Scatter(
                    x=[x], y=[y], mode="markers+text", name=str(row.year), text=[_row_words(row)],
                    textposition="middle right",
                    marker=dict(symbol=symbol, size=16, color=colour, line=dict(width=1, color="black")),
                    hovertext=[hover], hoverinfo="text", legendgroup=str(row.year), showlegend=False))
        top = max(0.0, float(numeric[["value", "low", "high"]].max().max()))
        bottom = min(0.0, float(numeric[["value", "low", "high"]].min().min()))
        span = (top - bottom) or 1.0
        fig.update_xaxes(title=unit, separatethousands=True,
                         range=[bottom - (0.1 * span if bottom < 0 else 0), top + 0.3 * span])  # room for labels
        fig.update_yaxes(autorange="reversed", title="")
        parts = [f"{_row_label(r)}: {_row_words(r)} {unit}".strip() for r in numeric.itertuples()]
        words_only = rows.drop(numeric.index)
        parts += [f"{_row_label(r)} (in words): {r.text}" for r in words_only.itertuples()]
        text = f"{label}. " + "; ".join(parts) + "."
        missing = {2006, 2020} - set(rows["year"])
        if missing:
            text += f" No sourced figure for {', '.join(map(str, sorted(missing)))}."
        height = 160 + 60 * len(numeric)
    else:
        fig.add_trace(go.Table(
            columnwidth=[70, 160, 500],
            header=dict(values=["Year", "According to", label], fill_color="#eeeeee", align="left",
                        font=dict(size=14)),
            cells=dict(values=[rows["year"].astype(str).tolist(),
                               rows["claimed_by"].fillna("").tolist(),
                               rows["text"].fillna("").tolist()],
                       fill_color=[[("#e6f0f8" if y == 2006 else "#fdf1dc") for y in rows["year"]]],
                       align="left", font=dict(size=13), height=30)))
        text = f"{label}. " + " ".join(f"{_row_label(r)}: {r.text}" for r in rows.itertuples())
        height = 140 + 70 * max(1, len(rows))
    return _finish(fig, f"{label}: 2006 and 2020", text, height=min(height, 700))


def sources_for(measure: str, rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """The pages behind one measure's rows: year, claimant, title and address of each source."""
    rows = tables.compare(measure) if rows is None else rows
    out = []
    for row in rows.itertuples():
        urls = str(row.source_url).split()
        titles = [t.strip() for t in str(row.source_title).split(" | ")]
        titles += [""] * (len(urls) - len(titles))
        out += [(row.year, row.claimed_by, t, u) for u, t in zip(urls, titles)]
    return pd.DataFrame(out, columns=["year", "claimed_by", "title", "url"]).drop_duplicates()


ELECTION_DAYS = {2006: pd.Timestamp("2006-03-19"), 2020: pd.Timestamp("2020-08-09")}
#: The day lessons 1-4 are set on (the role-play's day). What happened after it is shown only after the
#: role-play's debrief, so the lessons' timeline stops here unless a later lesson asks for more.
FRAME_DAY = pd.Timestamp("2020-08-20")
WAVE_CATEGORIES = ("election", "protest", "repression", "russia-belarus", "west-belarus")


def waves_table(days_before: int = 30, days_after: int = 150, until=FRAME_DAY) -> pd.DataFrame:
    """Timeline events around each election, with their day counted from election day (day 0).

    ``until`` (default: 20 August 2020, the lessons' date) leaves out every event after it; None keeps all."""
    events = tables.timeline()
    if until is not None:
        events = events[events["date"] <= pd.Timestamp(until)]
    out = []
    for year, day0 in ELECTION_DAYS.items():
        window = events[(events["date"] >= day0 - pd.Timedelta(days=days_before))
                        & (events["date"] <= day0 + pd.Timedelta(days=days_after))
                        & (events["date_precision"] == "day")
                        & events["category"].isin(WAVE_CATEGORIES)].copy()
        window["wave"] = year
        window["day"] = (window["date"] - day0).dt.days
        out.append(window)
    return pd.concat(out, ignore_index=True)[["wave", "day", "date", "title", "category", "event_id"]]


def waves_figure(days_before: int = 30, days_after: int = 150, until=FRAME_DAY) -> go.Figure:
    """The 2006 and 2020 waves on one axis: days since election day (0 = the vote).

    By default the 2020 wave stops on 20 August 2020 (day 11), the lessons' date: later events are shown
    after the role-play (lesson 4), not here."""
    table = waves_table(days_before, days_after, until)
    fig = new_figure()
    for year in (2006, 2020):
        part = table[table["wave"] == year]
        fig.add_trace(go.Scatter(
            x=part["day"], y=[str(year)] * len(part), mode="markers", name=f"{year} wave",
            marker=dict(size=14, color=YEAR_COLOURS[year], symbol=YEAR_SYMBOLS[year],
                        line=dict(width=1, color="black")),
            hovertext=[f"Day {d} ({dt:%d %b %Y}): {_wrap(t, 50)}" for d, dt, t in
                       zip(part["day"], part["date"], part["title"])], hoverinfo="text"))
    fig.add_vline(x=0, line_dash="dash", line_color=GREY, annotation_text="election day")
    stop = ""
    if until is not None and pd.Timestamp(until) >= ELECTION_DAYS[2020]:
        day = (pd.Timestamp(until) - ELECTION_DAYS[2020]).days
        fig.add_vline(x=day, line_dash="dot", line_color=GREY, annotation_text=f"{pd.Timestamp(until):%d %B %Y}",
                      annotation_position="bottom right")
        stop = (f" The 2020 wave is shown up to {pd.Timestamp(until):%d %B %Y} (day {day}), the date the lessons "
                "are set on; what happened later is shown after the role-play.")
    fig.update_xaxes(title="days since election day", zeroline=False)
    fig.update_yaxes(title="", type="category", categoryorder="array", categoryarray=["2020", "2006"])
    lines = [f"{r.wave}, day {r.day} ({r.date:%d %B %Y}): {r.title}" for r in table.itertuples()]
    text = ("Events of the two protest waves, counted in days from election day." + stop + " "
            + "; ".join(lines) + ".")
    return _finish(fig, "Two protest waves, aligned on election day", text, height=320)


def context_table(dimension: str = "context") -> pd.DataFrame:
    """The measures of one dimension, 2006 in one column and 2020 in the other (words)."""
    table = tables.protests()
    part = table[table["dimension"] == dimension]
    wide = (part.groupby(["measure", "year"], observed=True)["text"]
            .apply(lambda s: " / ".join(s)).unstack("year"))
    return wide.reindex(columns=[2006, 2020]).fillna("(no sourced row)").reset_index()


# -- policy options ------------------------------------------------------------------------------
def criteria() -> list[dict]:
    """The five criteria of the decision matrix, with their definitions (from the data package)."""
    from ..data_package.datasets import package
    return package().resource("options")["kit:criteria"]


def neutral_criteria() -> list[str]:
    """The criteria the neutral view (no perspective) scores: those defined the same way for every option.

    ``actor_interest`` is each option's owner's interest, and owners differ: the OSCE's 4 and the EU's 4
    are not the same quantity, so adding them up would compare unlike things (issue 19). The neutral
    view leaves it out; a viewer's lens brings it back as one viewer's interest in every option, which
    is comparable. Which criteria count is data: ``comparable`` in the package's ``kit:criteria``."""
    return [c["name"] for c in criteria() if c.get("comparable", True)]


def scored_criteria(viewer: str | None = None) -> list[str]:
    """The criteria a ranking adds up: all of them through a viewer's eyes, the comparable ones without."""
    return [c["name"] for c in criteria()] if viewer else neutral_criteria()


def lens_interests(viewer: str) -> pd.Series:
    """One viewer's interest (0-5) in each option, indexed by option_id (the option_lenses table)."""
    lenses = tables.option_lenses()
    mine = lenses[lenses["viewer"] == viewer]
    if mine.empty:
        known = ", ".join(sorted(lenses["viewer"].unique()))
        raise ValueError(f"There is no lens for '{viewer}'. The viewers are: {known}.")
    return mine.set_index("option_id")["interest"].astype(float)


def rank_options(weights: dict[str, float], actor: str | None = None, viewer: str | None = None) -> pd.DataFrame:
    """Weighted score of every option (0-5 scale) and its rank; optionally one actor's options only.

    The score is the weighted mean of the criterion scores. All weights 0 gives every option 0.
    Without a viewer (the neutral view) only the comparable criteria count (neutral_criteria): the
    owners' interests are left out, whatever their weight. With a ``viewer``, the actor_interest
    criterion is that viewer's interest in each option (from option_lenses), so the ranking is the
    options through the viewer's eyes. Options with the same score share a rank (a tie is shown as a
    tie, not broken by the option's number).
    """
    table = tables.options()
    names = scored_criteria(viewer)
    if viewer:
        table = table.assign(actor_interest=table["option_id"].map(lens_interests(viewer)))
    if actor:
        table = table[table["actors"].str.split().apply(lambda ids: actor in ids)]
    w = pd.Series({n: max(0.0, float(weights.get(n, 0) or 0)) for n in names})
    scores = table[names].astype(float)
    total = w.sum()
    table = table.assign(score=((scores * w).sum(axis=1) / total).round(9) if total else 0.0)
    table = table.sort_values(["score", "option_id"], ascending=[False, True]).reset_index(drop=True)
    table["rank"] = table["score"].rank(method="min", ascending=False).astype(int)
    return table[["rank", "option_id", "actors", "label", "score"] + names]


def all_weightings(top: int = 5, n: int | None = None) -> np.ndarray:
    """Every weighting with 0..top on each of n criteria, except all zeros: (top+1)**n - 1 rows.

    n defaults to the neutral view's criteria (4: 1,295 weightings); a viewer's lens has 5 (7,775)."""
    import itertools

    import numpy as np
    n = len(neutral_criteria()) if n is None else n
    grid = np.array(list(itertools.product(range(top + 1), repeat=n)), dtype=float)
    return grid[grid.sum(axis=1) > 0]


def first_place_counts(option_id: str, viewer: str | None = None) -> dict:
    """Over every weighting (0-5 on each criterion), how often an option is first on its own, and how
    often it shares first place. The same weighted mean as rank_options, for all weightings at once
    (the neutral view's criteria without a viewer, all five with one)."""
    table = tables.options()
    if viewer:
        table = table.assign(actor_interest=table["option_id"].map(lens_interests(viewer)))
    names = scored_criteria(viewer)
    scores = table[names].to_numpy(dtype=float)
    weights = all_weightings(n=len(names))
    totals = (weights @ scores.T / weights.sum(axis=1, keepdims=True)).round(9)
    mine = totals[:, list(table["option_id"]).index(option_id)]
    best = totals.max(axis=1)
    at_top = (totals == best[:, None]).sum(axis=1)
    first = mine == best
    return {"weightings": int(len(weights)), "alone": int((first & (at_top == 1)).sum()),
            "tied": int((first & (at_top > 1)).sum())}


def dominated_by(option_id: str) -> list[str]:
    """The options that score at least as high on every criterion of the neutral view and higher on one
    (kit's scores)."""
    table = tables.options().set_index("option_id")
    names = neutral_criteria()
    me = table.loc[option_id, names].astype(float)
    others = table.drop(index=option_id)[names].astype(float)
    mask = (others >= me).all(axis=1) & (others > me).any(axis=1)
    return list(others.index[mask])


def decision_figure(weights: dict[str, float], actor: str | None = None,
                    ranking: pd.DataFrame | None = None, viewer_label: str | None = None) -> go.Figure:
    """The options ranked by the weighted score: the best at the top."""
    ranking = rank_options(weights, actor) if ranking is None else ranking
    colours = [ORANGE if "russia" in a.split() and "eu" in a.split() else BLUE
               for a in ranking["actors"]]
    # Option names on lines of at most LABEL_WIDTH characters: on one line the longest (64 characters) took
    # 437 of a 540 px chart at 200 % zoom, and the x axis title, centred on the 85 px left for the bars, ran
    # past the chart's right edge (issue 24).
    names = [_wrap(f"{o}: {label}", LABEL_WIDTH) for o, label in zip(ranking["option_id"], ranking["label"])]
    lines = max((n.count("<br>") + 1 for n in names), default=1)
    fig = new_figure(go.Bar(
        x=ranking["score"].round(2), y=names,
        orientation="h", marker_color=colours, text=ranking["score"].round(1), textposition="outside",
        hovertemplate="%{y}<br>score %{x:.2f} of 5<extra></extra>"))
    fig.update_xaxes(range=[0, 5.1], title=dict(
        text="weighted score (0-5); weights and scores are value judgements, for debate", standoff=8))
    fig.update_yaxes(autorange="reversed")
    wtext = ", ".join(f"{k} {v:g}" for k, v in weights.items())
    who = f" Options of {actor} only." if actor else ""
    eyes = f" Through the eyes of {viewer_label}: interest is theirs." if viewer_label else ""
    text = (f"Options ranked by weighted score with weights {wtext}.{who}{eyes} "
            + "; ".join(f"{r.rank}. {r.label} ({r.score:.1f})" for r in ranking.itertuples()) + ".")
    title = f"Through the eyes of {viewer_label}" if viewer_label else "Which option scores best with your weights?"
    return _finish(fig, title, text, height=150 + max(38, 20 * lines + 8) * len(ranking))


def group_comparison_figure(both: pd.DataFrame) -> go.Figure:
    """A group's weighted scores beside the kit's for the same options (columns from views.compare_group)."""
    fig = new_figure(
        go.Bar(name="the kit's scores", y=both["option"], x=both["kit_score"].round(2), orientation="h",
               marker_color=BLUE, text=both["kit_score"].round(1), textposition="outside"),
        go.Bar(name="your group's scores", y=both["option"], x=both["group_score"].round(2), orientation="h",
               marker_color=ORANGE, marker_pattern_shape="/", text=both["group_score"].round(1),
               textposition="outside"))
    fig.update_layout(barmode="group", legend=dict(orientation="h", y=-0.25))
    fig.update_xaxes(range=[0, 5.1], title="weighted score (0-5), the same weights for both")
    fig.update_yaxes(autorange="reversed")
    text = "Your group's ranking beside the kit's: " + "; ".join(
        f"{r.option}: yours {r.group_score:.1f} (rank {r.group_rank}), the kit's {r.kit_score:.1f} "
        f"(rank {r.kit_rank})" for r in both.itertuples()) + "."
    return _finish(fig, "Your scores and the kit's", text, height=220 + 70 * len(both))


# -- claims and hindsight ------------------------------------------------------------------------
VERDICT_COLOURS = {"supported": GREEN, "borne out": SKY, "contested": YELLOW, "not verifiable": GREY,
                   "inaccurate": VERMILION, "not borne out": PURPLE}


def claims_figure(claims: pd.DataFrame | None = None) -> go.Figure:
    """How many claims of each type got each verdict (stacked bars)."""
    claims = tables.claims() if claims is None else claims
    counts = pd.crosstab(claims["claim_type"], claims["verdict"])
    fig = new_figure()
    for verdict in counts.columns:
        fig.add_trace(go.Bar(x=counts.index.astype(str), y=counts[verdict], name=str(verdict),
                             marker_color=VERDICT_COLOURS.get(str(verdict), GREY),
                             marker_pattern_shape=PATTERNS[list(counts.columns).index(verdict) % 6]))
    fig.update_layout(barmode="stack", legend_title_text="verdict")
    fig.update_yaxes(title="number of claims")
    parts = []
    for kind, row in counts.iterrows():
        bits = [f"{n} {v}" for v, n in row.items() if n]
        parts.append(f"{kind}: {', '.join(bits)}")
    text = f"{len(claims)} claims by type and verdict. " + "; ".join(parts) + "."
    return _finish(fig, "The column's claims: type and verdict", text)


def barometer_figure(before: dict[str, int], after: dict[str, int], question: str) -> go.Figure:
    """Where the class stands before and after the debate, on the same scale."""
    positions = list(before) or list(after)
    fig = new_figure(
        go.Bar(name="before", x=positions, y=[before.get(p, 0) for p in positions], marker_color=BLUE),
        go.Bar(name="after", x=positions, y=[after.get(p, 0) for p in positions], marker_color=ORANGE,
               marker_pattern_shape="/"),
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title="students", rangemode="tozero")
    text = (f"Class barometer: {question} Before: " + ", ".join(f"{p} {before.get(p, 0)}" for p in positions)
            + ". After: " + ", ".join(f"{p} {after.get(p, 0)}" for p in positions) + ".")
    return _finish(fig, question, text, height=360)


def aftermath_figure() -> go.Figure:
    """What happened next, 2020-2025: one row per person or actor, one marker per event."""
    after = tables.aftermath()
    names = tables.actors().set_index("actor_id")["name"]
    after = after.assign(who=after["subject"].map(names).fillna(after["subject"]))
    order = after.groupby("who")["date"].min().sort_values().index.tolist()
    fig = new_figure(go.Scatter(
        x=after["date"], y=after["who"], mode="markers",
        marker=dict(size=12, color=ORANGE, symbol="diamond", line=dict(width=1, color="black")),
        hovertext=[f"{d:%d %b %Y}: {_wrap(t, 50)}" for d, t in zip(after["date"], after["title"])],
        hoverinfo="text"))
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], title="")
    fig.update_xaxes(title="date")
    text = "What happened next, by person or actor: " + "; ".join(
        f"{r.who}, {r.date:%B %Y}: {r.title}" for r in after.sort_values("date").itertuples()) + "."
    return _finish(fig, "After August 2020: what happened next", text, height=160 + 22 * len(order))
