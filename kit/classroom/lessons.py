"""Lesson plans: kept in each notebook's metadata (``metadata.kit.lesson``), shown in its header cell.

The header and key-points cells are generated from the metadata (``python -m kit headers``), and a
test checks they agree, so a teacher who edits the plan in one place sees it everywhere.

The timing model. A plan has a ``length`` (45 minutes) and ``timings``: one part each, with a
``kind`` (start-up, reading, teaching, discussion, exercise, debrief, wrap-up, homework) and its
``minutes``. A reading part says what it reads (``reads``: the column's paragraphs, the kit's
summaries of them, or a stated number of words), and its minutes must cover the words at a learner's
pace of ``WORDS_PER_MINUTE``. Homework parts happen outside the lesson and are not counted in its length.
Older plans with ``teaching`` and ``exercises`` minutes per part still read (as teaching/exercise parts).
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

HEADER_TAG, KEY_POINTS_TAG = "lesson-header", "key-points"
WORDS_PER_MINUTE = 100   # a learner reading English as a second language, about two grades above them
LESSON_MINUTES = 45
KINDS = ("start-up", "reading", "teaching", "discussion", "exercise", "debrief", "wrap-up", "homework")
IN_CLASS = tuple(k for k in KINDS if k != "homework")


class PlanError(ValueError):
    """A lesson plan that does not add up; the message says which lesson and which part."""


# -- parts -------------------------------------------------------------------------------------------
def parts(plan: dict) -> list[dict]:
    """The plan's parts in the timing model: part, kind, minutes, words (0 unless it reads), reads."""
    out = []
    for t in plan.get("timings", []):
        if "minutes" not in t:
            raise PlanError(f"lesson {plan.get('number', '?')}, part {t.get('part')!r}: give its kind and "
                            "minutes (the older teaching/exercises form is no longer read)")
        out.append({"part": t["part"], "kind": t.get("kind", "teaching"), "minutes": int(t["minutes"]),
                    "words": reading_words(t.get("reads")), "reads": _reads_label(t.get("reads"))})
    return out


def reading_words(reads: dict | None, folder: str | Path | None = None) -> int:
    """How many words a reading part reads: counted from the text where the kit has it.

    ``{"text": "column", "paragraphs": [1, 17]}`` counts the column's paragraphs 1-17;
    ``{"text": "summaries", "paragraphs": [18, 35]}`` the kit's summaries of them;
    ``{"text": "column", "each": [23, 24, 28, 31]}`` counts just those paragraphs;
    ``{"text": "background"}`` the background narrative before the column (data/background.md);
    ``{"text": "role cards", "actors": [...]}`` the longest of those actors' role cards (each group reads
    its own card at the same time);
    ``{"text": "other", "words": 250, "what": "the role cards"}`` a stated count.
    """
    if not reads:
        return 0
    text = reads.get("text", "other")
    if text == "other":
        return int(reads["words"])
    if text == "examples":  # the scored example answers of a written task, e.g. {"question": "q6.11"}
        from ..exercises.api import questions
        return sum(len(e.split()) for e in questions()[reads["question"]].examples)
    if text == "background":
        from ..data_package.documents import background
        narrative = str(background()).split("\n## Sources")[0]  # students read the story, not the source list
        return len(narrative.split())
    if text == "role cards":
        from ..data_package.tables import actors
        cards = actors().set_index("actor_id").loc[reads["actors"]]
        return max(sum(len(str(c).split()) for c in (r.role, r.stated_position, r.analyst_reading))
                   for r in cards.itertuples())
    if text == "column" and "each" in reads:
        from ..data_package.article import load_article
        paragraphs = load_article(folder).paragraphs
        return sum(len(paragraphs[n].split()) for n in reads["each"])
    first, last = reads["paragraphs"]
    if text == "column":
        from ..data_package.article import load_article
        paragraphs = load_article(folder).paragraphs
        return sum(len(paragraphs[n].split()) for n in range(first, last + 1))
    if text == "summaries":
        from ..data_package.datasets import load
        s = load("summaries", folder) if folder else load("summaries")
        rows = s[(s["paragraph"] >= first) & (s["paragraph"] <= last)]
        return int(sum(len(str(x).split()) for x in rows["summary"]))
    raise PlanError(f"a reading part reads {text!r}; use 'column', 'summaries', 'background', 'role cards', "
                    f"'examples' or 'other'")


def _reads_label(reads: dict | None) -> str:
    if not reads:
        return ""
    if reads.get("text", "other") == "other":
        return reads.get("what", "")
    if reads["text"] == "examples":
        return f"the example answers of {reads['question']}"
    if reads["text"] == "background":
        return "the background narrative"
    if reads["text"] == "role cards":
        return "their role card"
    if "each" in reads:
        return "the column, paragraphs " + ", ".join(str(n) for n in reads["each"])
    first, last = reads["paragraphs"]
    what = "the column" if reads["text"] == "column" else "the kit's summaries"
    return f"{what}, paragraphs {first}-{last}"


def minutes_needed(words: int) -> int:
    return math.ceil(words / WORDS_PER_MINUTE)


def in_class_minutes(plan: dict) -> int:
    return sum(p["minutes"] for p in parts(plan) if p["kind"] != "homework")


def problems(plan: dict) -> list[str]:
    """What does not add up in a plan, in words a teacher can act on (empty if it adds up)."""
    name = f"lesson {plan.get('number', '?')}"
    out = []
    length = plan.get("length", LESSON_MINUTES)
    total = in_class_minutes(plan)
    if total != length:
        out.append(f"{name}: the parts in class add up to {total} minutes, but the lesson has {length}")
    for p in parts(plan):
        if p["kind"] not in KINDS:
            out.append(f"{name}, part {p['part']!r}: unknown kind {p['kind']!r} (one of {', '.join(KINDS)})")
        if p["words"] and p["minutes"] < minutes_needed(p["words"]):
            out.append(f"{name}, part {p['part']!r}: {p['words']} words need {minutes_needed(p['words'])} "
                       f"minutes at {WORDS_PER_MINUTE} words a minute, not {p['minutes']}")
        if p["kind"] == "reading" and not p["words"]:
            out.append(f"{name}, part {p['part']!r}: a reading part must say what it reads")
    return out


# -- cells ---------------------------------------------------------------------------------------------
def header_markdown(plan: dict) -> str:
    ps = parts(plan)
    in_class = [p for p in ps if p["kind"] != "homework"]
    home = [p for p in ps if p["kind"] == "homework"]
    by_kind = {}
    for p in in_class:
        by_kind[p["kind"]] = by_kind.get(p["kind"], 0) + p["minutes"]
    split = ", ".join(f"{m} {k}" for k, m in by_kind.items())
    at_home = f"; at home: {sum(p['minutes'] for p in home)} minutes" if home else ""
    lines = [f"# Lesson {plan['number']}: {plan['title']}", "",
             f"**Time:** {sum(p['minutes'] for p in in_class)} minutes in class ({split}){at_home}", "",
             "**Questions**", ""]
    lines += [f"- {q}" for q in plan["questions"]]
    lines += ["", "**Objectives**: by the end of the lesson you can", ""]
    lines += [f"- {o}" for o in plan["objectives"]]
    lines += ["", "| part | kind | minutes | reading |", "|---|---|---|---|"]
    lines += [f"| {p['part']} | {p['kind']} | {p['minutes']} | "
              f"{(p['reads'] + ', ' if p['reads'] else '') + str(p['words']) + ' words' if p['words'] else ''} |"
              for p in ps]
    if any(p["words"] for p in ps):
        lines += ["", f"Reading time is counted at {WORDS_PER_MINUTE} words a minute, a learner's pace."]
    if plan.get("note"):
        lines += ["", plan["note"]]
    if plan.get("routes"):
        lines += ["", f"**Basic route:** {plan['routes']['basic']}  ",
                  f"**Advanced route:** {plan['routes']['advanced']}"]
    return "\n".join(lines)


def key_points_markdown(plan: dict) -> str:
    lines = ["## Key points", ""] + [f"- {k}" for k in plan["key_points"]]
    if plan.get("extension"):
        lines += ["", "## Finished early? (extension)", "", plan["extension"]]
    return "\n".join(lines)


def sync(nb) -> bool:
    """Rewrite the header and key-points cells from the metadata. Returns True if anything changed."""
    plan = nb.metadata.get("kit", {}).get("lesson")
    if not plan:
        return False
    changed = False
    for cell in nb.cells:
        tags = cell.metadata.get("tags", [])
        want = (header_markdown(plan) if HEADER_TAG in tags else
                key_points_markdown(plan) if KEY_POINTS_TAG in tags else None)
        if want is not None and cell.source != want:
            cell.source, changed = want, True
    return changed


# -- the unit ------------------------------------------------------------------------------------------
def plans(folder: str | Path = ".") -> list[dict]:
    """The lesson plans of every numbered notebook in a folder, in file order (the primer has none)."""
    import nbformat
    out = []
    for path in sorted(Path(folder).glob("[0-9][0-9]_*.ipynb")):
        plan = nbformat.read(path, as_version=4).metadata.get("kit", {}).get("lesson")
        if plan:
            out.append({**plan, "notebook": path.name})
    return out


def schedule(folder: str | Path = ".") -> pd.DataFrame:
    """The unit's schedule: one row per part of each lesson, with its kind, minutes and words read."""
    rows = [(p["number"], p["title"], q["part"], q["kind"], q["minutes"], q["words"],
             "home" if q["kind"] == "homework" else "class")
            for p in plans(folder) for q in parts(p)]
    return pd.DataFrame(rows, columns=["lesson", "title", "part", "kind", "minutes", "words", "where"])
