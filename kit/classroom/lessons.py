"""Lesson plans: kept in each notebook's metadata (``metadata.kit.lesson``), shown in its header cell.

The header and key-points cells are generated from the metadata (``python -m kit headers``), and a
test checks they agree, so a teacher who edits the plan in one place sees it everywhere.

The timing model times what students do, at rates for learners who read and write English as a
second language (B1-B2):

- **Reading** plain English (the kit's summaries, role cards, documents, exercise prompts) at
  ``READING_WPM`` = 80 words a minute. Adult learners of English as a foreign language read at about
  85-100 words a minute before a reading-rate course (Chang 2012, Reading in a Foreign Language 24(1):
  the two groups' gains of 50 words a minute (49 %) and 23 (27 %) put their starting rates near 102 and
  85; our arithmetic), and "even advanced ESL students may read only 100 words per minute or less"
  (Jensen 1986, quoted by Anderson 1999, English Teaching Forum 37(2)). Teenagers at B1 reading
  political English are slower still, so the kit takes 80. See ``RATE_SOURCES``.
- **Reading the column** with the reader (an idiom-dense opinion column, glosses looked up as they
  come) at ``COLUMN_WPM`` = 40, half the plain rate: the kit's estimate, not a measurement. One B1
  student, alone and new to the reader, read paragraphs 1-17 (648 words) in 22-25 minutes (26-29
  words a minute; issue 24). The plan gives 17 minutes in class: the teacher reads the first
  paragraphs aloud and the class shares the glosses, and slower readers finish at home.
- **Writing** at ``WRITING_WPM`` = 8 words a minute plus planning (``PLANNING_MINUTES``): a TESOL
  teacher's guide for intermediate to advanced learners sets 250 words in a 30-minute timed essay as
  the mark for full points (about 8 a minute, planning included). The words are those the exercise asks
  for (its lower bound, "80-120 words" counts 80).
- **Choosing** (``DECIDE_MINUTES`` per choice question, ``PER_ITEM_MINUTES`` per item to match or
  order) and **data exercises** (``DATA_MINUTES``: finding rows in a table, on screen or paper), on
  top of reading the prompt and options. The B1 student's 22-25 minutes for exercises 2.1-2.4 is the
  check: the model gives them 4 x 6 = 24.
- Every **discussion prompt** ("Discuss", "Talk to a partner", "Explore", "Debrief") at least
  ``DISCUSSION_MINUTES``; every **group change** (``transition``) at least ``TRANSITION_MINUTES``; the
  **teacher's instructions** ``INSTRUCTION_MINUTES`` for each exercise part and each timed round; and a
  **buffer** of at least ``BUFFER_MINUTES`` in each period.

A plan has ``length`` (45, one period), ``periods`` (1 or 2) and ``timings``: one part each, with a
``kind``, its ``minutes``, its ``period`` (1 unless a two-period lesson says 2), and what it covers in
the notebook: ``exercises`` (question ids, named in the part's title by number: "exercises 5.3 and
5.4"), ``cells`` (the ids of the cells it covers: teaching, prompts, timers, the opening question and
wrap-up of a period), ``reads`` (what a reading part reads), ``also`` (stated work the bank does not
time, such as a group agreeing ten scores: ``{"what": ..., "minutes": ..}``) and ``timer`` (a round timer's ``minutes``
and ``rounds``). Homework parts happen outside class (``when``: before or after the period) and are
not counted in a period's 45 minutes.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

HEADER_TAG, KEY_POINTS_TAG = "lesson-header", "key-points"
OPENING_TAG, WRAP_UP_TAG = "period-opening", "period-wrap-up"   # the cells that open and close a period
READING_WPM = 80          # plain English, a B1-B2 learner (see the module's notes and RATE_SOURCES)
COLUMN_WPM = 40           # the column itself, read closely with the reader's glosses (the kit's estimate)
WRITING_WPM = 8           # a second-language writer composing an answer
WORDS_PER_MINUTE = READING_WPM  # the older name
PLANNING_MINUTES = (1, 3)       # before writing: under 50 words, 50 words or more
DECIDE_MINUTES = 1.0            # a choice question: weigh the options, read the feedback
PER_ITEM_MINUTES = 0.5          # each item of a matching or ordering question
DATA_MINUTES = 5.0              # a data exercise: find and compare rows (the table tool, pandas or paper)
DISCUSSION_MINUTES = 3          # a discussion prompt: talk in pairs, then a few answers to the class
TRANSITION_MINUTES = 2          # moving into (or out of) groups and settling
INSTRUCTION_MINUTES = 1         # the teacher sets up an exercise part or a timed round
BUFFER_MINUTES = 2              # each period keeps a little time for what overruns
LESSON_MINUTES = 45
KINDS = ("start-up", "reading", "teaching", "discussion", "exercise", "debrief", "wrap-up", "transition",
         "buffer", "homework")
IN_CLASS = tuple(k for k in KINDS if k != "homework")
ANCHORED = ("reading", "teaching", "discussion", "exercise", "debrief", "wrap-up")  # must say where they are
RATE_SOURCES = {
    "reading": [
        ("Chang, A. C-S. (2012). Improving reading rate activities for EFL students: timed reading and repeated "
         "oral reading. Reading in a Foreign Language 24(1), 56-83 (read in a copy of the journal's PDF, which "
         "names the journal's own site, nflrc.hawaii.edu/rfl; that site's page was not within reach)",
         "https://vdocuments.mx/improving-reading-rate-activities-for-efl-students-national-foreign.html"),
        ("Anderson, N. J. (1999). Improving reading speed: activities for the classroom. English Teaching "
         "Forum 37(2) (the US State Department's archive)",
         "http://dosfan.lib.uic.edu/usia/E-USIA/forum/vols/vol37/no2/p2.htm")],
    "writing": [
        ("TESOL Connections, June 2014: a five-step process for fluency in timed essays (intermediate to "
         "advanced; 250 words in a 30-minute essay for full points)",
         "https://tcnewsletter.s3.amazonaws.com/all/newsmanager.commpartners.com/tesolc_mobi/issues/"
         "2014-06-01/index.html")],
    "measured": [("Issue 24: one B1 student, lessons 1-3 in JupyterLab (paragraphs 1-17 in 22-25 minutes; "
                  "exercises 2.1-2.4 in 22-25; lesson 3's group scoring in 27-31)", "")],
}
PROMPT = re.compile(r"\*\*(?:Talk to a partner|Discuss|Explore|Debrief)\b|^#+ .*\bDebrief\b", re.M)
TIMER = re.compile(r"round_timer\((?:minutes=)?([\d.]+)(?:,\s*rounds=(\d+))?")


class PlanError(ValueError):
    """A lesson plan that does not add up; the message says which lesson and which part."""


# -- parts -------------------------------------------------------------------------------------------
def parts(plan: dict) -> list[dict]:
    """The plan's parts: part, kind, minutes, period, words read, reads, exercises, cells, timer."""
    out = []
    for t in plan.get("timings", []):
        if "minutes" not in t:
            raise PlanError(f"lesson {plan.get('number', '?')}, part {t.get('part')!r}: give its kind and "
                            "minutes (the older teaching/exercises form is no longer read)")
        out.append({"part": t["part"], "kind": t.get("kind", "teaching"), "minutes": int(t["minutes"]),
                    "period": int(t.get("period", 1)), "words": reading_words(t.get("reads")),
                    "reads": _reads_label(t.get("reads")), "column": _reads_column(t.get("reads")),
                    "exercises": list(t.get("exercises", [])), "cells": list(t.get("cells", [])),
                    "timer": t.get("timer"), "when": t.get("when", ""), "also": list(t.get("also", []))})
    return out


def reading_words(reads: dict | None, folder: str | Path | None = None) -> int:
    """How many words a reading part reads: counted from the text where the kit has it.

    ``{"text": "column", "paragraphs": [1, 17]}`` counts the column's paragraphs 1-17;
    ``{"text": "summaries", "paragraphs": [18, 35]}`` the kit's summaries of them;
    ``{"text": "column", "each": [23, 24, 28, 31]}`` counts just those paragraphs;
    ``{"text": "background"}`` the background narrative before the column (data/background.md);
    ``{"text": "role cards", "actors": [...]}`` the longest of those actors' role cards (each group reads
    its own card at the same time);
    ``{"text": "documents", "documents": ["d1", "d2"]}`` those documents' texts;
    ``{"text": "other", "words": 250, "what": "the role cards"}`` a stated count.
    """
    if not reads:
        return 0
    text = reads.get("text", "other")
    if text == "other":
        return int(reads["words"])
    if text == "examples":  # the scored example answers of a written task, e.g. {"question": "q6.11"}; "which"
        from ..exercises.api import questions  # picks some of them by their place in the list (0 = first)
        examples = questions()[reads["question"]].examples
        return sum(len(examples[i].split()) for i in reads.get("which", range(len(examples))))
    if text == "background":
        from ..data_package.documents import background
        narrative = str(background()).split("\n## Sources")[0]  # students read the story, not the source list
        return len(narrative.split())
    if text == "role cards":
        from ..data_package.tables import actors
        cards = actors().set_index("actor_id").loc[reads["actors"]]
        return max(sum(len(str(c).split()) for c in (r.role, r.stated_position, r.analyst_reading))
                   for r in cards.itertuples())
    if text == "lateral packet":  # the offline lateral-reading packet of lesson 5 (data/lateral_reading.md)
        from ..data_package.documents import lateral_packet
        return len(str(lateral_packet()).split())
    if text == "documents":
        from ..data_package.datasets import load
        d = load("documents").set_index("doc_id")
        return int(sum(len(str(d.loc[i, "excerpt_original"]).split()) for i in reads["documents"]))
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
                    f"'documents', 'examples' or 'other'")


def _reads_column(reads: dict | None) -> bool:
    return bool(reads) and reads.get("text") == "column"


def _reads_label(reads: dict | None) -> str:
    if not reads:
        return ""
    if reads.get("text", "other") == "other":
        return reads.get("what", "")
    if reads["text"] == "examples":
        which = f" ({len(reads['which'])} of them)" if "which" in reads else ""
        return f"the example answers of {reads['question']}{which}"
    if reads["text"] == "background":
        return "the background narrative"
    if reads["text"] == "role cards":
        return "their role card"
    if reads["text"] == "lateral packet":
        return "the lateral-reading packet"
    if reads["text"] == "documents":
        return "documents " + " and ".join(reads["documents"])
    if "each" in reads:
        return "the column, paragraphs " + ", ".join(str(n) for n in reads["each"])
    first, last = reads["paragraphs"]
    what = "the column" if reads["text"] == "column" else "the kit's summaries"
    return f"{what}, paragraphs {first}-{last}"


def minutes_needed(words: int, column: bool = False) -> int:
    """Minutes to read so many words: the column at COLUMN_WPM, anything else at READING_WPM."""
    return math.ceil(words / (COLUMN_WPM if column else READING_WPM))


def words_asked(q) -> int:
    """The words a written exercise asks for: the lower bound of "80-120 words" in its prompt, else its
    minimum."""
    m = re.search(r"(\d+)\s*(?:-|to|–)\s*\d+\s*words", q.prompt)
    return int(m.group(1)) if m else int(q.min_words or 0)


def exercise_minutes(q) -> int:
    """The minutes one exercise takes a second-language learner: reading its prompt and options, then
    choosing, matching, working with data or writing (the module's notes give the rates)."""
    words = len(q.prompt.split()) + sum(len(str(v).split()) for v in q.options.values()) \
        + sum(len(str(i).split()) for i in q.items)
    t = words / READING_WPM
    if q.kind == "choice":
        t += DECIDE_MINUTES
    elif q.kind in ("matching", "ordering"):
        t += PER_ITEM_MINUTES * (len(q.items) or len(q.options))
    elif q.kind in ("frame", "figure") or q.skill == "working with data":
        t += DATA_MINUTES
    elif q.kind == "number":  # a number from memory (the knowledge check), not from a table
        t += DECIDE_MINUTES
    elif q.kind == "text":
        asked = words_asked(q)
        t += asked / WRITING_WPM + PLANNING_MINUTES[asked >= 50]
    return math.ceil(t)


def minutes_for_exercises(qids: list[str]) -> dict[str, int]:
    from ..exercises.api import questions
    bank = questions()
    return {qid: exercise_minutes(bank[qid]) for qid in qids}


def exercise_numbers(title: str) -> set[str]:
    """The exercises a part's title names by number: "exercises 5.3 and 5.4", "exercises 1.1 to 1.3",
    "exercise 3.4" -> {"q5.3", "q5.4"} ..."""
    out = set()
    for m in re.finditer(r"[Ee]xercises?\s+((?:\d+\.\d+(?:\s*(?:,|and|to)\s*)?)+)", title):
        nums = re.findall(r"\d+\.\d+", m.group(1))
        if " to " in m.group(1) and len(nums) == 2:
            (a, x), (_, y) = (n.split(".") for n in nums)
            out |= {f"q{a}.{k}" for k in range(int(x), int(y) + 1)}
        else:
            out |= {f"q{n}" for n in nums}
    return out


def in_class_minutes(plan: dict, period: int | None = None) -> int:
    return sum(p["minutes"] for p in parts(plan)
               if p["kind"] != "homework" and (period is None or p["period"] == period))


def periods_of(plan: dict) -> int:
    return int(plan.get("periods", 1))


def problems(plan: dict, prompts: frozenset | set = frozenset()) -> list[str]:
    """What does not add up in a plan, in words a teacher can act on (empty if it adds up). Needs only the
    plan and the question bank; ``notebook_problems`` also checks the plan against its notebook and passes
    the ids of its discussion prompts (``prompts``), each of which needs DISCUSSION_MINUTES."""
    name = f"lesson {plan.get('number', '?')}"
    out = []
    length = plan.get("length", LESSON_MINUTES)
    ps = parts(plan)
    for period in range(1, periods_of(plan) + 1):
        total = in_class_minutes(plan, period)
        where = f"{name}, period {period}" if periods_of(plan) > 1 else name
        if total != length:
            out.append(f"{where}: the parts in class add up to {total} minutes, but the period has {length}")
        kinds = [p["kind"] for p in ps if p["period"] == period and p["kind"] != "homework"]
        if kinds and kinds[0] != "start-up":
            out.append(f"{where}: begins with {kinds[0]!r}, not a start-up")
        if kinds and "wrap-up" not in kinds:
            out.append(f"{where}: has no wrap-up")
        buffer = sum(p["minutes"] for p in ps if p["period"] == period and p["kind"] == "buffer")
        if kinds and buffer < BUFFER_MINUTES:
            out.append(f"{where}: keeps {buffer} minutes of buffer, fewer than {BUFFER_MINUTES}")
    seen = {}
    for p in ps:
        label = f"{name}, part {p['part']!r}"
        if p["kind"] not in KINDS:
            out.append(f"{label}: unknown kind {p['kind']!r} (one of {', '.join(KINDS)})")
        if not 1 <= p["period"] <= periods_of(plan):
            out.append(f"{label}: period {p['period']}, but the lesson has {periods_of(plan)}")
        if p["words"] and p["minutes"] < minutes_needed(p["words"], p["column"]):
            rate = COLUMN_WPM if p["column"] else READING_WPM
            out.append(f"{label}: {p['words']} words need {minutes_needed(p['words'], p['column'])} minutes "
                       f"at {rate} words a minute, not {p['minutes']}")
        if p["kind"] == "reading" and not p["words"]:
            out.append(f"{label}: a reading part must say what it reads")
        named = exercise_numbers(p["part"])
        if set(p["exercises"]) != named:
            out.append(f"{label}: covers {sorted(p['exercises'])} but its title names {sorted(named)}")
        for qid in p["exercises"]:
            if qid in seen:
                out.append(f"{label}: {qid} is already timed in {seen[qid]!r}")
            seen[qid] = p["part"]
        need = part_minutes_needed(p, prompts)
        if p["minutes"] < need:
            out.append(f"{label}: needs {need} minutes ({explain(p, prompts)}), not {p['minutes']}")
        if p["kind"] == "transition" and p["minutes"] < TRANSITION_MINUTES:
            out.append(f"{label}: a group change takes {TRANSITION_MINUTES} minutes")
        if p["timer"] and p["minutes"] != timer_minutes(p["timer"]):
            out.append(f"{label}: its timer runs {timer_minutes(p['timer']) - INSTRUCTION_MINUTES} minutes "
                       f"(+{INSTRUCTION_MINUTES} to set it up), but the part has {p['minutes']}")
    return out


def timer_minutes(timer: dict) -> int:
    return math.ceil(timer["minutes"] * timer.get("rounds", 1)) + INSTRUCTION_MINUTES


def part_minutes_needed(p: dict, prompts: frozenset | set = frozenset()) -> int:
    """The least a part can take: its exercises (plus the teacher's instructions), its prompts, its
    reading; a homework part the same without instructions."""
    need = 0
    if p["exercises"]:
        need += sum(minutes_for_exercises(p["exercises"]).values())
        if p["kind"] != "homework":
            need += INSTRUCTION_MINUTES
    need += DISCUSSION_MINUTES * len([c for c in p["cells"] if c in prompts])
    if p["words"]:
        need += minutes_needed(p["words"], p["column"])
    need += sum(int(a["minutes"]) for a in p["also"])
    return need


def explain(p: dict, prompts: frozenset | set = frozenset()) -> str:
    bits = [f"exercise {q[1:]}: {m}" for q, m in minutes_for_exercises(p["exercises"]).items()]
    if p["exercises"] and p["kind"] != "homework":
        bits.append(f"instructions: {INSTRUCTION_MINUTES}")
    prompts = len([c for c in p["cells"] if c in prompts])
    if prompts:
        bits.append(f"{prompts} prompt(s): {DISCUSSION_MINUTES} each")
    if p["words"]:
        bits.append(f"reading {p['words']} words: {minutes_needed(p['words'], p['column'])}")
    bits += [f"{a['what']}: {a['minutes']}" for a in p["also"]]
    return ", ".join(bits)


# -- the plan against its notebook ---------------------------------------------------------------------
def prompt_cells(nb) -> list[str]:
    """The ids of the discussion prompts students meet (not the teacher's notes)."""
    return [c.id for c in nb.cells if c.cell_type == "markdown" and "instructor" not in c.metadata.get("tags", [])
            and PROMPT.search(c.source)]


def timer_cells(nb) -> dict[str, dict]:
    """The round timers in a notebook: cell id -> {"minutes": .., "rounds": ..}."""
    out = {}
    for c in nb.cells:
        m = TIMER.search(c.source) if c.cell_type == "code" else None
        if m:
            out[c.id] = {"minutes": float(m.group(1)), "rounds": int(m.group(2) or 1)}
    return out


def qid_positions(nb) -> dict[str, int]:
    pos = {}
    for i, c in enumerate(nb.cells):
        qid = c.metadata.get("kit", {}).get("qid")
        if qid and qid not in pos:
            pos[qid] = i
    return pos


def notebook_problems(nb) -> list[str]:
    """``problems`` of the notebook's plan, and where the plan and the notebook disagree: every exercise
    and discussion prompt timed once, the parts in the notebook's order, timers as planned, each period
    opened and closed by its own cells."""
    plan = nb.metadata["kit"]["lesson"]
    name = f"lesson {plan.get('number', '?')}"
    prompts = prompt_cells(nb)
    out = problems(plan, set(prompts))
    ps = parts(plan)
    index = {c.id: i for i, c in enumerate(nb.cells)}
    qpos = qid_positions(nb)
    timed = [q for p in ps for q in p["exercises"]]
    for qid in qpos:
        if qid not in timed:
            out.append(f"{name}: exercise {qid[1:]} has no minutes in the plan")
    for qid in timed:
        if qid not in qpos:
            out.append(f"{name}: the plan times exercise {qid[1:]}, which is not in the notebook")
    covered = [c for p in ps for c in p["cells"]]
    for cid in covered:
        if cid not in index:
            out.append(f"{name}: the plan names cell {cid}, which is not in the notebook")
    for cid in prompts:
        if covered.count(cid) != 1:
            out.append(f"{name}: the prompt {nb.cells[index[cid]].source[:50]!r} is timed {covered.count(cid)} "
                       "times (once is right)")
    last, last_part = -1, None
    for p in ps:
        if p["kind"] == "homework":
            continue
        anchors = [index[c] for c in p["cells"] if c in index] + [qpos[q] for q in p["exercises"] if q in qpos]
        if not anchors:
            if p["kind"] in ANCHORED:
                out.append(f"{name}, part {p['part']!r}: say which cells or exercises it covers")
            continue
        if min(anchors) < last:
            out.append(f"{name}: part {p['part']!r} comes before {last_part!r} in the notebook, but after it in "
                       "the plan")
        last, last_part = max(last, max(anchors)), p["part"]
    timers = timer_cells(nb)
    planned = {c: p for p in ps for c in p["cells"] if c in timers}
    for cid, t in timers.items():
        p = planned.get(cid)
        if p is None:
            out.append(f"{name}: a round timer of {t['minutes']:g} minutes is in no part of the plan")
        elif not p["timer"] or float(p["timer"]["minutes"]) != t["minutes"] \
                or int(p["timer"].get("rounds", 1)) != t["rounds"]:
            out.append(f"{name}, part {p['part']!r}: the notebook's timer runs {t['rounds']} x {t['minutes']:g} "
                       f"minutes, the plan says {p['timer']}")
    for period in range(2, periods_of(plan) + 1):
        for tag, what in ((OPENING_TAG, "opening question"), (WRAP_UP_TAG, "wrap-up")):
            cells = [c for c in nb.cells if tag in c.metadata.get("tags", [])
                     and c.metadata.get("kit", {}).get("period") in (period, period - 1)]
            if not cells:
                out.append(f"{name}: period {period} (or the one before) has no {what} cell tagged {tag!r}")
    return out


# -- cells ---------------------------------------------------------------------------------------------
def _part_row(p: dict) -> str:
    what = []
    if p["exercises"]:
        what.append("; ".join(f"{q[1:]}: {m} min" for q, m in minutes_for_exercises(p["exercises"]).items()))
    if p["words"]:
        # rounded to tens: the header is a plan, and a gloss added to a text should not make it stale
        what.append(f"{p['reads']}, about {round(p['words'], -1)} words")
    if p["timer"]:
        what.append(f"timer: {p['timer'].get('rounds', 1)} x {p['timer']['minutes']:g} min")
    return f"| {p['part']} | {p['kind']} | {p['minutes']} | {'; '.join(what)} |"


def header_markdown(plan: dict) -> str:
    ps = parts(plan)
    n = periods_of(plan)
    in_class = [p for p in ps if p["kind"] != "homework"]
    home = [p for p in ps if p["kind"] == "homework"]
    by_kind = {}
    for p in in_class:
        by_kind[p["kind"]] = by_kind.get(p["kind"], 0) + p["minutes"]
    split = ", ".join(f"{m} {k}" for k, m in by_kind.items())
    at_home = f"; at home: {sum(p['minutes'] for p in home)} minutes" if home else ""
    periods = f" in {n} periods of {plan.get('length', LESSON_MINUTES)}" if n > 1 else ""
    lines = [f"# Lesson {plan['number']}: {plan['title']}", "",
             f"**Time:** {sum(p['minutes'] for p in in_class)} minutes in class{periods} ({split}){at_home}", "",
             "**Questions**", ""]
    lines += [f"- {q}" for q in plan["questions"]]
    lines += ["", "**Objectives**: by the end of the lesson you can", ""]
    lines += [f"- {o}" for o in plan["objectives"]]
    for period in range(1, n + 1):
        if n > 1:
            lines += ["", f"**Period {period}**"]
        lines += ["", "| part | kind | minutes | exercises (minutes each), reading, timer |", "|---|---|---|---|"]
        lines += [_part_row(p) for p in in_class if p["period"] == period]
    if home:
        lines += ["", "**Homework**", "", "| part | minutes | exercises, reading |", "|---|---|---|"]
        lines += ["| " + " | ".join(_part_row(p).strip("| ").split(" | ")[i] for i in (0, 2, 3)) + " |"
                  for p in home]
    lines += ["", f"Timed for learners reading English as a second language: {READING_WPM} words a minute "
                  f"(the column with the reader: {COLUMN_WPM}), writing {WRITING_WPM} words a minute plus "
                  f"planning, {DISCUSSION_MINUTES} minutes a discussion prompt, {TRANSITION_MINUTES} a group "
                  "change. The teacher guide gives the sources."]
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
    """The unit's schedule: one row per part of each lesson, with its period, kind, minutes and words read."""
    rows = [(p["number"], p["title"], q["period"], q["part"], q["kind"], q["minutes"], q["words"],
             "home" if q["kind"] == "homework" else "class")
            for p in plans(folder) for q in parts(p)]
    return pd.DataFrame(rows, columns=["lesson", "title", "period", "part", "kind", "minutes", "words", "where"])


def _homework_label(p: dict) -> str:
    what = re.sub(r"^Homework[^:]*:\s*", "", p["part"])
    return f"{'before the period: ' if p['when'] == 'before' else ''}{what} ({p['minutes']} min)"


def unit_at_a_glance(folder: str | Path = ".") -> pd.DataFrame:
    """One row per 45-minute period of the unit: its number, lesson, what it does, minutes in class and the
    homework set after it (with minutes)."""
    rows, n = [], 0
    for plan in plans(folder):
        ps = parts(plan)
        for period in range(1, periods_of(plan) + 1):
            n += 1
            mine = [p for p in ps if p["period"] == period]
            work = [p["part"] for p in mine if p["kind"] in ("reading", "exercise", "discussion", "debrief")]
            home = [p for p in mine if p["kind"] == "homework"]
            rows.append({"period": n, "lesson": plan["number"] if periods_of(plan) == 1
                         else f"{plan['number']} ({period} of {periods_of(plan)})",
                         "what": plan.get("period_titles", [plan["title"]] * periods_of(plan))[period - 1],
                         "in class": "; ".join(work),
                         "minutes": sum(p["minutes"] for p in mine if p["kind"] != "homework"),
                         "homework": "; ".join(_homework_label(p) for p in home) or "none",
                         "homework minutes": sum(p["minutes"] for p in home)})
    return pd.DataFrame(rows)


def short_route(folder: str | Path = ".") -> pd.DataFrame:
    """The route for a teacher with six periods: a split lesson keeps the periods its plan names in
    ``short_route.keep`` and says what the others leave out (``short_route.leaves_out``)."""
    rows = []
    for plan in plans(folder):
        route = plan.get("short_route", {})
        keep = route.get("keep", list(range(1, periods_of(plan) + 1)))
        for period in keep:
            titles = plan.get("period_titles", [plan["title"]] * periods_of(plan))
            rows.append({"period": len(rows) + 1, "lesson": plan["number"], "what": titles[period - 1],
                         "minutes": in_class_minutes(plan, period),
                         "leaves out": route.get("leaves_out", "nothing") if period == keep[-1] else "nothing"})
    return pd.DataFrame(rows)


def dropped_exercises(plan: dict) -> list[str]:
    """The exercises a lesson's short route leaves out: those timed in class in the periods it drops."""
    keep = plan.get("short_route", {}).get("keep", list(range(1, periods_of(plan) + 1)))
    return [q for p in parts(plan) if p["kind"] != "homework" and p["period"] not in keep for q in p["exercises"]]


def glance_markdown(folder: str | Path = ".") -> str:
    """The unit at a glance as a Markdown table (the README's, kept equal to the plans by a test)."""
    rows = ["| period | lesson | what | in class | homework (minutes) |", "|---|---|---|---|---|"]
    for r in unit_at_a_glance(folder).itertuples():
        rows.append(f"| {r.period} | {r.lesson} | {r.what.split(': ', 1)[-1]} | {r.minutes} min | {r.homework} |")
    return "\n".join(rows)


def update_readme(readme: str | Path = "README.md", folder: str | Path = "notebooks") -> bool:
    """Rewrite the table under '## The unit at a glance' from the plans; True if it changed. After a plan or a
    text the plans read changes: ``python -c "from kit.classroom.lessons import update_readme; update_readme()"``."""
    path = Path(readme)
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("## The unit at a glance", 1)
    section, tail = rest.split("\n## ", 1)
    new = re.sub(r"\| period \| lesson \|.*?\n(?=\n)", lambda m: glance_markdown(folder) + "\n", section, flags=re.S)
    if new == section:
        return False
    path.write_text(head + "## The unit at a glance" + new + "\n## " + tail, encoding="utf-8")
    return True
