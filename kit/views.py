"""What each widget shows, as pure functions of its inputs (tested without a front end).

A widget in kit.widgets only wires controls to one of these functions: the reader, the comparison
explorer, the decision matrix, the claims explorer and the barometer all get their content here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
import plotly.graph_objects as go

from . import figures, tables
from .datasets import load, package, split_list
from .html import escape, table


@dataclass
class View:
    """A figure and the HTML shown under it (its text description and its sources)."""

    figure: go.Figure | None
    caption: str


def _described(fig: go.Figure, extra: str = "") -> str:
    return (f"<div role='note' aria-live='polite' class='kit-caption'><p><b>What the chart shows:</b> "
            f"{escape(figures.description(fig))}</p>{extra}</div>")


def _source_list(frame: pd.DataFrame) -> str:
    items = "".join(
        f"<li>{escape(r.year)} · {escape(r.claimed_by) or 'source'}: {escape(r.title) or '(untitled)'} "
        f"<code>{escape(r.url)}</code></li>" for r in frame.itertuples())
    return f"<p><b>Sources</b></p><ul>{items}</ul>"


# -- lesson 2: the comparison explorer -----------------------------------------------------------
def dimensions() -> list[str]:
    return [str(d) for d in load("protests")["dimension"].cat.categories]


def measures_in(dimension: str) -> list[tuple[str, str]]:
    """(label, measure_id) pairs of one dimension, paired measures first."""
    m = tables.measures()
    m = m[m["dimension"] == dimension].sort_values(["paired", "measure"], ascending=[False, True])
    return [(f"{label}{'' if paired else ' (one year only)'}", mid)
            for label, mid, paired in zip(m["measure"], m["measure_id"], m["paired"])]


def explorer_view(measure: str) -> View:
    rows = tables.compare(measure)
    fig = figures.comparison_figure(measure, rows)
    official = rows[rows["official_claim"].fillna(False)]
    warn = ("<p><b>Official claims</b> are the Belarusian authorities' figures, not facts.</p>"
            if len(official) else "")
    return View(fig, _described(fig, warn + _source_list(figures.sources_for(measure, rows))))


# -- lesson 1: the reader ------------------------------------------------------------------------
_FUNCTION_WORDS = {"a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "from", "with", "into",
                   "out", "up", "his", "her", "its", "their", "this", "that", "as", "has", "is", "be", "each",
                   "other", "against", "behind", "between", "over", "by"}


def inflected(word: str) -> str:
    """A regular expression for a word and its regular inflections: plurals and verb endings
    (sanction/sanctions, mercenary/mercenaries, smack/smacks, cave/caved/caving, smart/smarting)."""
    w = word.lower()
    if len(w) < 3 or w in _FUNCTION_WORDS or not w.isalpha():
        return re.escape(escape(word))
    if w.endswith("e"):
        return re.escape(w[:-1]) + "(?:e|es|ed|ing)"
    if w.endswith("y") and w[-2] not in "aeiou":
        return re.escape(w[:-1]) + "(?:y|ies|ied|ying)"
    if w.endswith(("s", "x", "ch", "sh")):
        return re.escape(w) + "(?:es|ed|ing)?"
    return re.escape(w) + "(?:s|es|ed|ing)?"


def phrase_pattern(phrase: str, inflect_all: bool = True) -> re.Pattern:
    """A phrase as a case-insensitive pattern on escaped HTML: every content word (or, for a glossary
    term, its last word) may be inflected, and ``*`` stands for any one word."""
    words = phrase.split()
    parts = []
    for i, word in enumerate(words):
        if word == "*":
            parts.append(r"[\w’'-]+")
        elif inflect_all or i == len(words) - 1:
            parts.append(inflected(word))
        else:
            parts.append(re.escape(escape(word)))
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])", re.IGNORECASE)


def _glossary_patterns() -> list[tuple[re.Pattern, str, str]]:
    return _glossary_patterns_for(str(package().folder))


@lru_cache(maxsize=4)
def _glossary_patterns_for(folder: str) -> list[tuple[re.Pattern, str, str]]:
    out = []
    for row in load("glossary", folder).itertuples():
        aka = row.also_known_as if isinstance(row.also_known_as, str) else ""
        names = [row.term] + [a.strip() for a in aka.split("|") if a.strip()]
        for name in names:
            short = re.sub(r"\s*\(.*?\)", "", name).strip().strip("'\"“”")
            if len(short) >= 3:
                plain = short.isupper() or not short.replace(" ", "").replace("-", "").isalpha()
                pattern = (re.compile(rf"(?<![\w-]){re.escape(escape(short))}(?![\w-])", re.IGNORECASE)
                           if plain else phrase_pattern(short, inflect_all=False))
                out.append((pattern, row.term, row.plain_definition))
    return sorted(out, key=lambda p: -len(p[0].pattern))


def _idiom_patterns() -> list[tuple[re.Pattern, str, str]]:
    return _idiom_patterns_for(str(package().folder))


@lru_cache(maxsize=4)
def _idiom_patterns_for(folder: str) -> list[tuple[re.Pattern, str, str]]:
    try:
        idioms = load("idioms", folder)
    except Exception:  # a data folder from before the idiom glossary: no idioms to mark
        return []
    out = [(phrase_pattern(row.match), row.idiom, row.plain_gloss) for row in idioms.itertuples()]
    return sorted(out, key=lambda p: -len(p[0].pattern))


def _found(text: str, patterns) -> list[tuple[str, str]]:
    safe = escape(text)
    seen = {}
    for pattern, term, definition in patterns:
        if term not in seen and pattern.search(safe):
            seen[term] = definition
    return list(seen.items())


def glossary_terms_in(text: str) -> list[tuple[str, str]]:
    """The glossary terms a paragraph uses (any inflected form): (term, plain definition)."""
    return _found(text, _glossary_patterns())


def idioms_in(text: str) -> list[tuple[str, str]]:
    """The idioms a paragraph uses (any inflected form): (idiom, plain gloss)."""
    return _found(text, _idiom_patterns())


def mark_terms(text: str, idioms: bool = True) -> str:
    """The paragraph as HTML: glossary terms in <mark>, idioms in <mark class='kit-idiom'> (underlined),
    each with its meaning as a tooltip. Inflected forms (plurals, verb endings) are marked too."""
    safe = escape(text)
    spans: list[tuple[int, int, str, str]] = []
    patterns = [(p, d, "kit-idiom") for p, _, d in (_idiom_patterns() if idioms else [])]
    patterns += [(p, d, "kit-term") for p, _, d in _glossary_patterns()]
    for pattern, definition, cls in patterns:
        for m in pattern.finditer(safe):
            if not any(s < m.end() and m.start() < e for s, e, _, _ in spans):
                spans.append((m.start(), m.end(), escape(definition), cls))
    out, last = [], 0
    for start, end, tip, cls in sorted(spans):
        style = (" style='background:#d7ecff;color:#000;text-decoration:underline dotted'"
                 if cls == "kit-idiom" else "")
        out += [safe[last:start], f"<mark title='{tip}' class='{cls}'{style}>{safe[start:end]}</mark>"]
        last = end
    return "".join(out) + safe[last:]


def reader_view(paragraph: int, show_summary: bool = True) -> str:
    """One paragraph of the column for the reader: text with terms and idioms marked, the kit's summary,
    and the words and idioms to know."""
    article = _article()
    n = min(max(int(paragraph), 1), len(article.paragraphs))
    summaries = load("summaries").set_index("paragraph")
    s = summaries.loc[n]
    terms = glossary_terms_in(article.paragraphs[n])
    phrases = idioms_in(article.paragraphs[n])
    glossary = ("<dl>" + "".join(f"<dt><b>{escape(t)}</b></dt><dd>{escape(d)}</dd>" for t, d in terms) + "</dl>"
                if terms else "<p>none</p>")
    idiom_list = ("<h4>Idioms</h4><dl>" + "".join(
        f"<dt><b>{escape(t)}</b></dt><dd>{escape(d)}</dd>" for t, d in phrases) + "</dl>") if phrases else ""
    summary = (f"<div style='background:#f3f3f3;color:#000;padding:6px;border-left:4px solid #0072B2'>"
               f"<b>The kit's summary (not the author's words):</b> {escape(s['summary'])}<br>"
               f"<small>Role in the argument: {escape(s['role'])} · Section: {escape(s['section'])} · "
               f"{escape(s['argument_step'])}</small></div>") if show_summary else ""
    return (f"<div style='display:flex;gap:16px;flex-wrap:wrap'>"
            f"<div style='flex:3;min-width:18em'><h4>Paragraph {n} of {len(article.paragraphs)}</h4>"
            f"<p style='font-size:115%;line-height:1.6'>{mark_terms(article.paragraphs[n])}</p>{summary}</div>"
            f"<div style='flex:2;min-width:12em' role='complementary' aria-label='Words and idioms for this paragraph'>"
            f"<h4>Words to know</h4>{glossary}{idiom_list}</div></div>")


def _article():
    """The column, parsed once per data folder (the reader asks for it on every page turn)."""
    return _article_for(str(package().folder))


@lru_cache(maxsize=4)
def _article_for(folder: str):
    from .article import load_article
    return load_article(folder)


def thesis() -> str:
    """The kit's one-sentence statement of the column's thesis, with the paragraphs that state it."""
    t = package().resource("summaries")["kit:thesis"]
    return f"{t['text']} (the kit's summary; stated in paragraphs {', '.join(map(str, t['paragraphs']))})"


def argument_figure() -> go.Figure:
    """The argument mapped paragraph by paragraph: sections across, each paragraph's role as colour."""
    s = load("summaries")
    palette = [figures.BLUE, figures.ORANGE, figures.GREEN, figures.VERMILION, figures.PURPLE,
               figures.SKY, figures.YELLOW, figures.GREY, "#000000", "#7f3b08", "#2d004b"]
    roles = list(s["role"].cat.categories)
    fig = figures.new_figure()
    for i, role in enumerate(roles):
        part = s[s["role"] == role]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["paragraph"], y=part["section"].astype(str), mode="markers", name=role,
            marker=dict(size=18, color=palette[i % len(palette)], symbol=i % 20, line=dict(width=1, color="black")),
            hovertext=[f"{p}: {figures._wrap(t, 50)}" for p, t in zip(part["paragraph"], part["summary"])],
            hoverinfo="text"))
    fig.update_yaxes(categoryorder="array", categoryarray=list(s["section"].cat.categories)[::-1])
    fig.update_xaxes(title="paragraph", dtick=1)
    text = "The column's argument, section by section: " + "; ".join(
        f"{sec} (paragraphs {g['paragraph'].min()}-{g['paragraph'].max()}): "
        + ", ".join(f"{p} {r}" for p, r in zip(g["paragraph"], g["role"]))
        for sec, g in s.groupby("section", observed=True)) + "."
    return figures._finish(fig, "How the argument is built", text, height=380)


# -- lesson 3: the decision matrix -----------------------------------------------------------------
def perspectives() -> list[dict]:
    """Preset weights for seeing the options through an actor's eyes (the kit's judgement)."""
    return package().resource("options")["kit:perspectives"]["profiles"]


def matrix_view(weights: dict[str, float], actor: str | None = None) -> View:
    ranking = figures.rank_options(weights, actor)
    fig = figures.decision_figure(weights, actor, ranking)
    top = ranking.iloc[0] if len(ranking) else None
    lead = (f"<p>With these weights the top option is <b>{escape(top['label'])}</b>. The scores are "
            "the kit's judgement; change the weights and argue about them.</p>") if top is not None else ""
    return View(fig, _described(fig, lead))


def role_cards(actor_ids: list[str]) -> str:
    """Role cards for the role-play, built from the actors table."""
    actors = load("actors").set_index("actor_id")
    cards = []
    for aid in actor_ids:
        a = actors.loc[aid]
        cards.append(
            "<div style='border:1px solid #999;border-radius:6px;padding:8px;margin:4px;flex:1;min-width:16em'>"
            f"<h4 style='margin:0'>{escape(a['name'])}</h4><p><i>{escape(a['role'])}</i></p>"
            f"<p><b>Wants:</b> {escape(a['interests'])}</p><p><b>In 2020:</b> {escape(a['stance_2020'])}</p>"
            f"<p><small>Source: {escape(split_list(a['source_url'])[0])}</small></p></div>")
    return f"<div style='display:flex;flex-wrap:wrap'>{''.join(cards)}</div>"


def timer_text(seconds_left: int) -> str:
    seconds_left = max(0, int(seconds_left))
    return "Time is up" if seconds_left == 0 else f"{seconds_left // 60}:{seconds_left % 60:02d} left"


# -- lesson 5: claims and hindsight --------------------------------------------------------------
ALL = "all"


def filter_claims(claim_type: str = ALL, verdict: str = ALL) -> pd.DataFrame:
    claims = load("claims")
    if claim_type != ALL:
        claims = claims[claims["claim_type"] == claim_type]
    if verdict != ALL:
        claims = claims[claims["verdict"] == verdict]
    return claims[["claim_id", "paragraph", "quote", "claim_type", "verdict", "evidence"]].reset_index(drop=True)


def claims_view(claim_type: str = ALL, verdict: str = ALL) -> View:
    chosen = filter_claims(claim_type, verdict)
    fig = figures.claims_figure(load("claims"))
    body = table(chosen) if len(chosen) else "<p>No claim matches both filters.</p>"
    return View(fig, f"<p>{len(chosen)} claims match.</p>{body}")


def predictions() -> pd.DataFrame:
    """The column's predictions with their verdict and what happened next (from aftermath)."""
    claims = load("claims")
    after = load("aftermath")
    preds = claims[claims["claim_type"] == "prediction"]
    rows = []
    for c in preds.itertuples():
        linked = after[after["related_claims"].fillna("").str.split().apply(lambda ids: c.claim_id in ids)]
        rows.append((c.claim_id, c.paragraph, c.quote, c.verdict,
                     "; ".join(f"{d:%b %Y}: {t}" for d, t in zip(linked["date"], linked["title"]))))
    return pd.DataFrame(rows, columns=["claim_id", "paragraph", "quote", "verdict", "what_happened_next"])
