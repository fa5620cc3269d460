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

from ..data_package import tables
from ..data_package.datasets import load, package, split_list
from ..data_package.glosses import gloss_patterns, glosses_in
from ..figures import charts as figures
from ..html import escape, table


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
    units = tables.protests().groupby("measure_id")["unit"].agg(lambda u: sorted(set(u.dropna())))
    out = []
    for label, mid, paired in zip(m["measure"], m["measure_id"], m["paired"]):
        shown = f"{label}{'' if paired else ' (one year only)'}"
        # One unit per chart: a measure whose rows count different things (a sentence in years beside
        # prisoners in people; towns beside people) is offered once per unit (issue 24)
        several = units.get(mid, [])
        if len(several) > 1:
            out += [(f"{shown}: in {unit}", f"{mid}{UNIT_SEP}{unit}") for unit in several]
        else:
            out.append((shown, mid))
    return out


UNIT_SEP = "|"  # "measure_id|unit": one unit of a measure whose rows mix units


def explorer_view(measure: str) -> View:
    measure, _, unit = measure.partition(UNIT_SEP)
    rows = tables.compare(measure)
    if unit:
        rows = rows[rows["unit"] == unit]
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
        for i, name in enumerate(names):
            short = re.sub(r"\s*\(.*?\)", "", name).strip().strip("'\"“”")
            if len(short) >= 3:
                # Only the term itself takes inflections; another name is matched as written, so the synonym
                # "report" (of "dispatch") does not mark the verb "reported" (issue 24).
                plain = i > 0 or short.isupper() or not short.replace(" ", "").replace("-", "").isalpha()
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
    patterns += [(p, d, "kit-term") for p, _, d in gloss_patterns()]  # hard words, by their own forms
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


def term_table(pairs: list[tuple[str, str]], caption: str) -> str:
    """Terms and their meanings as a two-column table (term, meaning), one row per term; text wraps."""
    rows = "".join(f"<tr><th scope='row' style='{_TERM_CELL};font-weight:bold;min-width:6em'>{escape(t)}</th>"
                   f"<td style='{_TERM_CELL}'>{escape(d)}</td></tr>" for t, d in pairs)
    return (f"<table class='kit-terms' style='border-collapse:collapse;width:100%'>"
            f"<caption style='position:absolute;left:-9999px'>{escape(caption)}</caption>"
            f"<tbody>{rows}</tbody></table>")


_TERM_CELL = ("text-align:left;vertical-align:top;white-space:normal;overflow-wrap:normal;hyphens:none;"
              "padding:3px 6px 3px 0;border-bottom:1px solid #ddd;line-height:1.4")


def reader_view(paragraph: int, show_summary: bool = True) -> str:
    """One paragraph of the column for the reader: text with terms and idioms marked, the kit's summary,
    and the words and idioms to know."""
    article = _article()
    n = min(max(int(paragraph), 1), len(article.paragraphs))
    summaries = load("summaries").set_index("paragraph")
    s = summaries.loc[n]
    terms = glossary_terms_in(article.paragraphs[n])
    terms += [t for t in glosses_in(article.paragraphs[n]) if t[0] not in dict(terms)]
    phrases = idioms_in(article.paragraphs[n])
    # Terms and meanings as table rows: a term and its meaning share a row, so a long idiom that wraps can
    # never push a meaning beside the wrong term (the definition list did, in paragraphs 5 and 12: issue 24)
    glossary = term_table(terms, "Words in this paragraph") if terms else "<p>none</p>"
    idiom_list = ("<h4>Idioms</h4>" + term_table(phrases, "Idioms in this paragraph")) if phrases else ""
    summary = (f"<div style='background:#f3f3f3;color:#000;padding:6px;border-left:4px solid #0072B2'>"
               f"<b>The kit's summary (not the author's words):</b> {escape(s['summary'])}"
               f"<p style='margin:4px 0 0 0'><b>Role in the argument:</b> {escape(s['role'])} · "
               f"<b>Section:</b> {escape(s['section'])} · {escape(s['argument_step'])}</p></div>"
               ) if show_summary else ""
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
    from ..data_package.article import load_article
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
DECISION_DAY = "20 August 2020"
JUDGEMENT_NOTE = ("The scores, the interests and the preset weights are the kit's value judgements as of "
                  f"{DECISION_DAY}, for debate: each has a one-sentence reason you can argue with.")


def perspectives() -> list[dict]:
    """Preset weights for seeing the options through an actor's eyes (the kit's reading of each actor)."""
    return package().resource("options")["kit:perspectives"]["profiles"]


def perspective(viewer: str) -> dict:
    """One preset, by actor id ("russia") or by label ("the Kremlin")."""
    for p in perspectives():
        if viewer in (p["actor"], p["label"]):
            return p
    known = ", ".join(p["actor"] for p in perspectives())
    raise ValueError(f"There is no perspective called '{viewer}'. Choose one of: {known}.")


def lens_table(viewer: str) -> pd.DataFrame:
    """A viewer's interest in each option, with the reason and the sources (the kit's judgement)."""
    lenses = tables.option_lenses()
    labels = tables.options().set_index("option_id")["label"]
    mine = lenses[lenses["viewer"] == viewer].assign(option=lambda t: t["option_id"].map(labels))
    return mine[["option_id", "option", "interest", "rationale", "source_url"]].reset_index(drop=True)


def _lens_caption(profile: dict) -> str:
    lens = lens_table(profile["actor"]).sort_values(["interest", "option_id"], ascending=[False, True])
    rows = "".join(f"<li>{escape(r.option)}: <b>{int(r.interest)}</b> of 5. {escape(r.rationale)}</li>"
                   for r in lens.itertuples())
    return (f"<details><summary>How much each option serves {escape(profile['label'])} (the kit's reading, "
            f"as of {DECISION_DAY})</summary><ul>{rows}</ul></details>")


NEUTRAL_NOTE = (" The neutral view scores only what means the same for every option, so the interest criterion "
                "does not count here: each option has a different owner, and their interests cannot be added "
                "up. Choose a perspective to add one viewer's interest in every option.")


def _titles_that_fit(fig: go.Figure, width: int = 34, legend_below: bool = False) -> go.Figure:
    """Titles that fit a school laptop at 1366 px and at 200 % zoom (about 600 px for a chart): plotly never
    wraps a title, so a long one was cut. The chart title breaks onto a second line; the x axis title keeps
    its first clause (the rest, that scores are value judgements, is in the sentence under the chart:
    JUDGEMENT_NOTE); with legend_below, the legend goes under the chart, where it cannot cover a title."""
    import textwrap
    title = fig.layout.title.text
    if title and len(title) > width and "<br>" not in title:
        fig.update_layout(title_text="<br>".join(textwrap.wrap(title, width)))
    x_title = fig.layout.xaxis.title.text
    if x_title and ";" in x_title:
        fig.update_xaxes(title_text=x_title.split(";")[0])
    fig.update_layout(margin={"t": max(fig.layout.margin.t or 0, 80)})
    if legend_below and fig.layout.showlegend is not False:
        fig.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.25, "x": 0},
                          margin={"b": max(fig.layout.margin.b or 0, 110)})
    return fig


def matrix_view(weights: dict[str, float], actor: str | None = None, viewer: str | None = None) -> View:
    """The ranking for some weights. With a ``viewer`` (an actor id with a lens), the interest criterion
    is that viewer's interest in each option, so the ranking is the options through their eyes."""
    profile = perspective(viewer) if viewer else None
    ranking = figures.rank_options(weights, actor, viewer=viewer)
    fig = _titles_that_fit(figures.decision_figure(weights, actor, ranking,
                                                   viewer_label=profile["label"] if profile else None))
    lead = ""
    if len(ranking):
        top = ranking[ranking["rank"] == 1]
        names = " and ".join(f"<b>{escape(label)}</b>" for label in top["label"])
        tie = " (a tie)" if len(top) > 1 else ""
        eyes = (f" Through the eyes of {escape(profile['label'])}: the interest criterion is their interest "
                "in each option, not the interest of whoever takes it.") if profile else NEUTRAL_NOTE
        lead = (f"<p>With these weights the top{tie}: {names}.{eyes} {escape(JUDGEMENT_NOTE)} "
                "Change the weights and argue about them.</p>")
    elif actor:
        who = escape(profile["label"]) if profile else escape(actor)
        lead = f"<p>{who} takes none of the options in the table: untick <i>only that actor's own options</i>.</p>"
    extra = _lens_caption(profile) if profile else ""
    return View(fig, _described(fig, lead + extra))


def first_and_last(viewer: str) -> tuple[str, str]:
    """The option a viewer's lens (their interests and their preset weights) ranks first, and last."""
    ranking = figures.rank_options(perspective(viewer)["weights"], viewer=viewer)
    return ranking.iloc[0]["option_id"], ranking.iloc[-1]["option_id"]


# -- lesson 3: the group scores too ----------------------------------------------------------------
MIN_GROUP_OPTIONS, MAX_GROUP_OPTIONS = 2, 3
SCORE_LOW, SCORE_HIGH = 1, 5  # the scale of the kit's scores in options.csv (its datapackage: "Score 1-5")


def criterion_names() -> list[str]:
    return [c["name"] for c in figures.criteria()]


def option_choices() -> list[tuple[str, str]]:
    """The options as menu entries: ("o04: EU and Russia mediate together, ...", "o04")."""
    o = tables.options()
    return [(f"{oid}: {label}", oid) for oid, label in zip(o["option_id"], o["label"])]


DUPLICATE = "(the same option twice)"


def group_entries(pairs: list[tuple[str | None, dict]]) -> dict:
    """A group's (option, entry) pairs as the dict the views take; an empty menu is skipped, and the same
    option chosen twice is kept as a problem for check_group_scores to explain."""
    out: dict = {}
    for oid, entry in pairs:
        if oid is None:
            continue
        out[DUPLICATE if oid in out else oid] = entry
    return out


def check_group_scores(entries: dict) -> list[str]:
    """What is missing or wrong in a group's scores, as kind sentences (an empty list = ready).

    ``entries`` maps an option id to ``{"scores": {criterion: 1-5}, "reason": "..."}``: the scale of the kit's
    own scores (options.csv), so a group's scores and the kit's are on one scale.
    """
    problems = []
    known = set(tables.options()["option_id"])
    if not MIN_GROUP_OPTIONS <= len(entries) <= MAX_GROUP_OPTIONS:
        problems.append(f"Choose {MIN_GROUP_OPTIONS} or {MAX_GROUP_OPTIONS} different options "
                        f"(you have {len(entries)}).")
    for oid, entry in entries.items():
        if oid == DUPLICATE:
            problems.append("You chose the same option twice: choose different options.")
            continue
        if oid not in known:
            problems.append(f"'{oid}' is not an option: choose one from the list.")
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("scores"), dict):
            problems.append(f"{oid}: give a score from {SCORE_LOW} to {SCORE_HIGH} on each criterion, and a reason.")
            continue
        scores = entry["scores"]
        for name in criterion_names():
            value = scores.get(name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not SCORE_LOW <= value <= SCORE_HIGH:
                problems.append(f"{oid}: give {name.replace('_', ' ')} a score from {SCORE_LOW} to {SCORE_HIGH}.")
        if len(str(entry.get("reason") or "").split()) < 3:
            problems.append(f"{oid}: write a reason for your scores (a sentence is enough).")
    return problems


def _weighted(scores: pd.DataFrame, weights: dict[str, float]) -> pd.Series:
    # The same criteria as the neutral view: a group's "interest" score, like the kit's, is each option's
    # owner's interest, and owners' interests are not comparable, so neither counts in the comparison.
    names = figures.neutral_criteria()
    w = pd.Series({n: max(0.0, float(weights.get(n, 0) or 0)) for n in names})
    total = w.sum()
    if not total:
        return scores[names].sum(axis=1) * 0.0
    return ((scores[names].astype(float) * w).sum(axis=1) / total).round(9)


def compare_group(entries: dict, weights: dict[str, float]) -> pd.DataFrame:
    """The group's ranking of its chosen options beside the kit's ranking of the same options."""
    names = criterion_names()
    kit_scores = tables.options().set_index("option_id")
    chosen = list(entries)
    mine = pd.DataFrame({oid: {n: entries[oid]["scores"][n] for n in names} for oid in chosen}).T
    out = pd.DataFrame({"option_id": chosen, "option": kit_scores.loc[chosen, "label"].values,
                        "kit_score": _weighted(kit_scores.loc[chosen], weights).values,
                        "group_score": _weighted(mine, weights).values})
    out["kit_rank"] = out["kit_score"].rank(method="min", ascending=False).astype(int)
    out["group_rank"] = out["group_score"].rank(method="min", ascending=False).astype(int)
    return out.sort_values(["group_rank", "option_id"]).reset_index(drop=True)


def disagreements(entries: dict, threshold: int = 2) -> pd.DataFrame:
    """Every criterion where the group and the kit differ by ``threshold`` points or more: the discussion."""
    kit_scores = tables.options().set_index("option_id")
    rows = []
    for oid, entry in entries.items():
        for name in criterion_names():
            kit_value, group_value = int(kit_scores.loc[oid, name]), int(entry["scores"][name])
            if abs(group_value - kit_value) >= threshold:
                rows.append((oid, kit_scores.loc[oid, "label"], name.replace("_", " "), kit_value, group_value,
                             group_value - kit_value, kit_scores.loc[oid, f"rationale_{name}"], entry["reason"]))
    return pd.DataFrame(rows, columns=["option_id", "option", "criterion", "kit", "group", "difference",
                                       "kit's reason", "your reason"])


def group_answer_text(entries: dict) -> str:
    """The group's scores and reasons as plain text, saved like a written answer."""
    labels = tables.options().set_index("option_id")["label"]
    lines = []
    for oid, entry in entries.items():
        scores = ", ".join(f"{n.replace('_', ' ')} {entry['scores'][n]}" for n in criterion_names())
        lines.append(f"{oid} {labels.get(oid, '')}: {scores}. Reason: {str(entry['reason']).strip()}")
    return "\n".join(lines)


def group_view(entries: dict, weights: dict[str, float]) -> View:
    """The group's ranking beside the kit's, and the disagreements to discuss. Never raises on bad input."""
    problems = check_group_scores(entries)
    if problems:
        items = "".join(f"<li>{escape(p)}</li>" for p in problems)
        return View(None, f"<div role='status' aria-live='polite'><p><b>Almost there:</b></p><ul>{items}</ul></div>")
    both = compare_group(entries, weights)
    fig = _titles_that_fit(figures.group_comparison_figure(both), legend_below=True)
    diff = disagreements(entries)
    same_order = bool((both["kit_rank"] == both["group_rank"]).all())
    order = ("<p>Your ranking and the kit's put these options in the <b>same order</b>.</p>" if same_order else
             "<p>Your ranking and the kit's put these options in a <b>different order</b>. Why?</p>")
    if len(diff):
        talk = (f"<p><b>Where you disagree with the kit by 2 points or more ({len(diff)}):</b> discuss these. "
                "Who has the better reason, on what was known on 20 August 2020?</p>" + table(diff))
    else:
        talk = ("<p>You never disagree with the kit by 2 points or more. Find the criterion where you are least "
                "sure.</p>")
    return View(fig, _described(fig, order + talk))


# -- lesson 4: role cards and what happened ------------------------------------------------------
def role_cards(actor_ids: list[str]) -> str:
    """Role cards as of the decision day: what the actor said (with its date and source), and, labelled
    apart, an analyst's reading of its interests. Nothing on a card comes from after 20 August 2020."""
    actors = load("actors").set_index("actor_id")
    cards = []
    for aid in actor_ids:
        a = actors.loc[aid]
        said = a.get("stated_position")
        if isinstance(said, str) and said:
            when = pd.Timestamp(a["stated_position_date"])
            links = " ".join(f"<code>{escape(u)}</code>" for u in split_list(a["stated_position_url"]))
            stated = (f"<p><b>What they said</b> (up to {when.day} {when:%B %Y}): {escape(said)}</p>"
                      f"<p><small>Source: {links}</small></p>")
            reading = a["analyst_reading"]
        else:
            stated = "<p><b>What they said:</b> no statement up to 20 August 2020 in the kit's sources.</p>"
            reading = f"The kit's reading: {a['interests']}"
        cards.append(
            "<div class='kit-card' style='border:1px solid #999;border-radius:6px;padding:8px;margin:4px;flex:1;"
            f"min-width:16em;overflow-wrap:anywhere'><h4 style='margin:0'>{escape(a['name'])}</h4>"
            f"<p><i>{escape(a['role'])}</i></p>"
            f"{stated}<p><b>An analyst's reading of their interests</b> (a judgement, for debate): "
            f"{escape(reading)}</p>{_words_to_know(f'{a.role} {said} {reading}')}</div>")
    return (f"<p>Role cards as of {DECISION_DAY}. Nothing on them happened later.</p>"
            f"<div style='display:flex;flex-wrap:wrap'>{''.join(cards)}</div>")


def _words_to_know(text: str) -> str:
    """The hard words of a card, each with its plain gloss (data/glosses.csv), as a definition list."""
    found = glosses_in(text)
    if not found:
        return ""
    items = "".join(f"<dt><b>{escape(w)}</b></dt><dd>{escape(g)}</dd>" for w, g in found)
    return f"<details><summary>Words to know</summary><dl>{items}</dl></details>"


def what_happened_table() -> pd.DataFrame:
    """What each actor actually did (hindsight: for after the debate), with the scores it did not change."""
    o = tables.options()
    return o[["option_id", "label", "what_happened"]].reset_index(drop=True)


def what_happened_html() -> str:
    return ("<div role='region' aria-label='What actually happened'><p><b>What actually happened</b> "
            "(after 20 August 2020; the scores did not use any of it):</p>" + table(what_happened_table()) + "</div>")


def timer_text(seconds_left: int) -> str:
    seconds_left = max(0, int(seconds_left))
    return "Time is up" if seconds_left == 0 else f"{seconds_left // 60}:{seconds_left % 60:02d} left"


# -- lesson 5: claims and hindsight --------------------------------------------------------------
ALL = "all"


#: The claims students sort before they see the kit's verdicts (two facts, two opinions, a prediction,
#: a recommendation), in the order they meet them in the column.
SORT_CLAIMS = ["c03", "c09", "c10", "c21", "c41", "c49"]
TYPE_LETTERS = {"A": "fact", "B": "opinion", "C": "prediction", "D": "recommendation"}
VERDICT_LETTERS = {"A": "supported", "B": "contested", "C": "inaccurate", "D": "not verifiable",
                   "E": "borne out", "F": "not borne out"}
SORT_QUESTION, PREDICT_QUESTION = "q5.3", "q5.4"


def claims_to_sort() -> pd.DataFrame:
    """The claims of the sorting step: id, paragraph and quote only (no type, no verdict)."""
    claims = load("claims").set_index("claim_id").loc[SORT_CLAIMS].reset_index()
    return claims[["claim_id", "paragraph", "quote"]]


def sorting_compared(types: dict, verdicts: dict) -> pd.DataFrame:
    """The student's sorting beside the kit's: one row per claim. Letters or words are accepted. The
    kit's types and verdicts are its own judgements, for debate, not the last word."""
    claims = load("claims").set_index("claim_id")

    def word(value, letters):
        value = str(value or "").strip()
        return letters.get(value.upper(), value.lower())
    rows = []
    for cid in SORT_CLAIMS:
        c = claims.loc[cid]
        rows.append((cid, int(c.paragraph), word(types.get(cid), TYPE_LETTERS), str(c.claim_type),
                     word(verdicts.get(cid), VERDICT_LETTERS), str(c.verdict)))
    return pd.DataFrame(rows, columns=["claim_id", "paragraph", "your_type", "kit_type",
                                       "your_verdict", "kit_verdict"])


def filter_claims(claim_type: str = ALL, verdict: str = ALL) -> pd.DataFrame:
    claims = load("claims")
    if claim_type != ALL:
        claims = claims[claims["claim_type"] == claim_type]
    if verdict != ALL:
        claims = claims[claims["verdict"] == verdict]
    # The note sits beside the verdict: it says why a verdict that looks like a contradiction is not one.
    columns = ["claim_id", "paragraph", "quote", "claim_type", "verdict", "note", "evidence"]
    return claims[columns].reset_index(drop=True)


HIDDEN_NOTE = ("<p role='note'><b>The kit's verdicts are hidden</b> until you have sorted the claims and "
               "predicted their verdicts (exercises 5.3 and 5.4 above). Then run this cell again.</p>")
VERDICT_NOTE = ("<p role='note'>The verdicts are the kit's judgements, made with the sources in the "
                "evidence column: check them, and argue with them.</p>")


def claims_view(claim_type: str = ALL, verdict: str = ALL, reveal: bool = True) -> View:
    """The claims listing. With reveal=False (before the sorting step) it shows the claims and their
    types only: no verdict, no evidence, no chart of verdicts."""
    if not reveal:
        chosen = filter_claims(claim_type)[["claim_id", "paragraph", "quote", "claim_type"]]
        return View(None, f"{HIDDEN_NOTE}<p>{len(chosen)} claims match.</p>{table(chosen)}")
    chosen = filter_claims(claim_type, verdict)
    fig = figures.claims_figure(load("claims"))
    body = table(chosen) if len(chosen) else "<p>No claim matches both filters.</p>"
    return View(fig, f"{VERDICT_NOTE}<p>{len(chosen)} claims match.</p>{body}")


def predictions() -> pd.DataFrame:
    """The column's predictions with their verdict and what happened next (from aftermath)."""
    claims = load("claims")
    after = load("aftermath")
    preds = claims[claims["claim_type"] == "prediction"]
    rows = []
    for c in preds.itertuples():
        linked = after[after["related_claims"].fillna("").str.split().apply(lambda ids, cid=c.claim_id: cid in ids)]
        rows.append((c.claim_id, c.paragraph, c.quote, c.verdict, c.note if isinstance(c.note, str) else "",
                     "; ".join(f"{d:%b %Y}: {t}" for d, t in zip(linked["date"], linked["title"]))))
    return pd.DataFrame(rows, columns=["claim_id", "paragraph", "quote", "verdict", "note", "what_happened_next"])
