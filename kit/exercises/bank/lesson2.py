"""Lesson 2: 2006 and 2020 compared."""
import pandas as pd

from ...data_package import tables
from ..model import Question
from . import _data

SHOW = ["year", "dimension", "measure_id", "claimed_by", "official_claim", "value", "low", "high", "unit"]
EVENTS = {"A": "e021", "B": "e007", "C": "e005", "D": "e047", "E": "e012"}


def _official():
    p = tables.protests()
    return p[p["official_claim"]]


def _measures_2020():
    p = tables.protests()
    return int(p[p["year"] == 2020]["measure_id"].nunique())


# The two wrong counts the feedback explains, from the data (a new row must not leave the feedback behind).
_P = tables.protests()
ROWS_2020 = f"={int((_P['year'] == 2020).sum())}"
MEASURES_BOTH_YEARS = f"={int(_P['measure_id'].nunique())}"


_ROWS_MSG = ("That is the number of rows for 2020. Some measures have several rows, one per source. "
             "Count the different measure_id values.")
_BOTH_MSG = "That counts the measures of both years. Keep only the 2020 rows first."


def _q22_feedback() -> dict[str, str]:
    """The two wrong counts can be the same number (they are, as of 20 August 2020): one message then
    explains both readings."""
    if ROWS_2020 == MEASURES_BOTH_YEARS:
        return {"correct": "Yes: each measure counts once, however many sources it has.",
                ROWS_2020: _ROWS_MSG + " (It is also the number of measures of both years. Keep only the 2020 rows "
                                       "first.)"}
    return {"correct": "Yes: each measure counts once, however many sources it has.",
            ROWS_2020: _ROWS_MSG, MEASURES_BOTH_YEARS: _BOTH_MSG}


def _q22_misconceptions() -> dict[str, str]:
    rows = "This answer counts rows instead of distinct measures."
    both = "This answer forgets to keep only one year before counting."
    if ROWS_2020 == MEASURES_BOTH_YEARS:
        return {ROWS_2020: rows}   # the likelier slip; the feedback explains both
    return {ROWS_2020: rows, MEASURES_BOTH_YEARS: both}


# What each 2020 count of detentions is, beside the 2006 one (more than 1,000: Wikinews, to late April 2006,
# and the Belarusian Helsinki Committee, the whole of 2006). The kit's reading, for debate. Lesson 2 shows
# the 2020 wave as it stood on 20 August 2020 (tables.protests()): the counts of the whole wave (Viasna to
# December, the UN to early December) are marked after_frame and wait for lesson 5.
PAIRING_NOTES = {
    "Belarusian Interior Ministry": "Up to 20 August 2020 this is the only 2020 count: the Interior Ministry's "
              "own, for the first four days (9-12 August). The 2006 count is a rights groups' count over about six "
              "weeks or more, so the pair is not like for like: a different kind of source and a much shorter "
              "period in 2020. Say so in your comment. The real 2020 number by 20 August was higher."}


def _times_more():
    """The largest 2020 count up to 20 August 2020 (the Interior Ministry's, first four days) over the 2006
    count."""
    return round(_data.largest("detentions_total", 2020) / _data.largest("detentions_total", 2006))


# Dividing the 2006 count by the 2020 one: the wrong way round (from the data, like the counts above).
INVERSE = f"={round(_data.largest('detentions_total', 2006) / _data.largest('detentions_total', 2020), 2)}"


def _pairings() -> dict[str, str]:
    """Every 2020 count of detentions against the 2006 count: "=ratio" -> why that pairing is defensible."""
    p = tables.protests()
    rows = p[p["measure_id"] == "detentions_total"]
    base = _data.largest("detentions_total", 2006)
    out = {}
    for row in rows[rows["year"] == 2020].itertuples():
        count = float(max(float(v) for v in (row.value, row.low, row.high) if pd.notna(v)))
        ratio = round(count / base)
        note = PAIRING_NOTES.get(row.claimed_by, "Say which source you used, and for which period.")
        out[f"={ratio}"] = (f"Yes: {row.claimed_by}: at least {count:,.0f}, against more than {base:,.0f} "
                            f"in 2006, so about {ratio} times more. {note} Both counts are lower bounds.")
    return out


def _share_chart():
    p = tables.protests()
    rows = p[p["measure_id"] == "incumbent_share_official"]
    return {"type": "bar", "x": rows["year"].tolist(), "y": rows["value"].tolist()}


QUESTIONS = [
    Question(
        qid="q2.1", kind="frame", skill="working with data", variable="official",
        prompt="Make a table of the official claims only: the rows of protests where official_claim is True. "
               "Store it in official.",
        expected=_official, key=["row_id"],
        no_code={"table": "protests", "show": SHOW,
                 "steps": "Filter 1: keep rows where official_claim is one of True. Then: show the rows. "
                          "Press Check."},
        feedback={"correct": "Yes. These are the Belarusian authorities' own figures: claims, not facts."},
        hints=["You need only the rows where the official_claim column says True.",
               "In the table tool: Filter 1, official_claim, True. With code: in your answer cell, a column that"
               ' is already True or False can be the condition on its own: protests[protests["official_claim"]].',
               "Worked example (a similar task): to keep the 2006 rows, filter the year column to 2006 (in the "
               'table tool: Filter 1, year, 2006). With code: in your answer cell, protests[protests["year"] == '
               "2006]. Now keep the official claims instead."]),
    Question(
        qid="q2.2", kind="number", skill="working with data", variable="measures_2020",
        prompt="How many different measures does the table have for 2020? Store the number in measures_2020.",
        expected=_measures_2020,
        no_code={"table": "protests", "show": SHOW,
                 "steps": "Keep the rows of one year. Then count the different values in the measure_id "
                          "column. Type the number and press Check."},
        feedback=_q22_feedback(),
        misconceptions=_q22_misconceptions(),
        hints=["First keep only the rows of 2020 (in the table tool: Filter 1, year, 2020). With code: in your "
               'answer cell, protests[protests["year"] == 2020].',
               "Then count the different values in the measure_id column: each measure counts once, even when it"
               ' has several rows. With code: in your answer cell, add ["measure_id"].nunique().',
               "Worked example (the same steps for 2006): keep the 2006 rows, then count the different "
               'measure_id values. With code: in your answer cell, protests[protests["year"] == '
               '2006]["measure_id"].nunique(). Now do it for 2020.']),
    Question(
        qid="q2.3", kind="number", skill="working with data", variable="times_more", tolerance=1,
        partial_within=0.1,
        prompt="Detentions in total: there is no single number. By 20 August 2020 the table has one count for "
               "each year (the number is in the value, low or high column), and they are not a like-for-like "
               "pair (a pair from the same kind of source, counting over a similar period). Compare them anyway: how many "
               "times more people were detained in 2020? Round to a whole number, store it in times_more, and "
               "write in a comment who counted each number, over which period, and what that difference means "
               "for your answer.",
        expected=_times_more, accept=_pairings,
        # Who counted, the date and the words that give each count's period: what the choice of a pair needs
        no_code={"table": "protests",
                 "show": ["year", "claimed_by", "low", "value", "high", "unit", "date", "text"],
                 "steps": "Keep measure_id detentions_total: there is one row for each year. Read who counted each "
                          "number and over which months (the text column). Divide the 2020 number by the 2006 one "
                          "(a calculator is fine), round, type the number, write your reason and press Check.",
                 "reason": "Who counted each number, over which period, and what does that difference mean for "
                           "your answer?"},
        feedback={INVERSE: "You divided the 2006 count by the 2020 one. Put the 2020 count first."},
        misconceptions={INVERSE: "This answer divides the smaller number by the larger one."},
        hints=["Look at the rows of the measure detentions_total for both years: who counted, and over which "
               "months? (In the table tool: Filter 1, measure_id, detentions_total.) With code: in a new code "
               'cell, type kit.compare("detentions_total").',
               "Read the text column: who counted, and over which months? Then divide the 2020 count by the 2006"
               " count.",
               "Worked example (a similar task, peak protest size): keep the rows of peak_protest_size, choose "
               "one row per year from the same kind of source, and divide the 2020 number by the 2006 number. "
               'With code: in your answer cell, p = protests[protests["measure_id"] == "peak_protest_size"], '
               'then look at p[["year", "claimed_by", "value", "low", "high"]] and use round(...).']),
    Question(
        qid="q2.4", kind="figure", skill="working with data", variable="share_chart",
        prompt="Make a bar chart of Lukashenko's official share of the vote in 2006 and 2020 "
               "(measure_id \"incumbent_share_official\"; x = year, y = value). Store it in share_chart.",
        expected=_share_chart,
        no_code={"table": "protests", "show": SHOW,
                 "steps": "Keep the rows of measure_id incumbent_share_official. Then draw a bar chart: "
                          "column (x axis) year, y axis value. Press Check."},
        feedback={"correct": "Yes. Remember: both bars are official claims, disputed by observers."},
        hints=["Keep the rows of that measure first (in the table tool: Filter 1, measure_id, "
               "incumbent_share_official).",
               "A bar chart needs one column along the bottom (year) and one for the height of the bars (value)."
               " With code: in your answer cell, px.bar(table, x=..., y=...) makes a bar chart.",
               "Worked example (a similar chart, the main challenger's share): keep the rows of "
               "main_challenger_share_official and draw bars with year along the bottom and value as the height."
               ' With code: in your answer cell, rows = protests[protests["measure_id"] == '
               "\"main_challenger_share_official\"]; px.bar(rows, x=\"year\", y=\"value\"). Now do it for Lukashenko's"
               " share."]),
    Question(
        qid="q2.5", kind="choice", skill="contextualisation", variable="new_in_2020",
        prompt="Which context factor does the column name for 2020 that did not exist in 2006?",
        options={"A": "The pandemic", "B": "Colour revolutions in neighbouring countries",
                 "C": "Lukashenko in power", "D": "Moscow's weariness with subsidising Belarus"},
        expected="A",
        # D is defensible (issue 10): in 2006 Belarus paid "nearly 47 dollars" per 1,000 cubic metres of Russian gas
        # (CCTV, 31 Dec 2006, http://www.cctv.com/english/20061231/101156.shtml), "45 dollars ... under the previous
        # contract" (Deutsche Welle, 1 Jan 2007, read in a copy at
        # https://tiue.org/dw/en/russia-belarus-sign-last-minute-gas-deal/a-2296371), and 100 dollars from 2007
        # (Gazprom, https://www.gazprom.com/press/news/2007/january/article88188/).
        accept={"D": "Defensible: paragraph 5 names Moscow's weariness with subsidising Belarus, and in March 2006 "
                     "Belarus still paid Russia a very low gas price (about 45 to 47 dollars per 1,000 cubic metres). "
                     "The price rose to 100 dollars only from January 2007. The pandemic (the other answer the text "
                     "supports) was new in 2020 too. Was Moscow already tired of paying in 2006? A good question "
                     "for the class."},
        misconceptions={"B": "This answer misses that colour revolutions came before 2006 too (Georgia 2003, Ukraine 2004-05).",
                        "C": "This answer forgets that Lukashenko had ruled since 1994."},
        feedback={"correct": "Yes: COVID-19 was new in 2020; paragraph 5 names it. Paragraph 5 names another new "
                             "factor too: can you find it?",
                  "B": "Paragraph 2 says colour revolutions came before 2006 as well.",
                  "C": "Lukashenko was in power in both years: since 1994."},
        hints=["Read paragraph 5 again: it lists a 'perfect storm'.",
               "Which of the storms could not have happened, or had not yet happened, in 2006?",
               "Worked example (the same reasoning on another factor): Lukashenko ruled in 2006 and in 2020, "
               "so 'Lukashenko in power' is not new in 2020. Test each option the same way."]),
    Question(
        qid="q2.6", kind="ordering", skill="contextualisation", variable="event_order",
        prompt="Put these events in time order, earliest first. Store a list of letters in event_order.",
        options={"A": "Euromaidan protests begin in Kyiv", "B": "Rose Revolution in Georgia",
                 "C": "Russia and Belarus sign the Union State treaty", "D": "Belarus arrests 33 Russian contractors",
                 "E": "Belarus's presidential election (the first of our two)"},
        expected=lambda: _data.events_in_order(EVENTS),
        feedback={"correct": "Yes: 1999, 2003, 2006, 2013, 2020."},
        hints=["The kit's timeline lists every event with its date. With code: in a new code cell, type "
               "kit.timeline() and press Shift+Enter.",
               "Write the year next to each letter first. Then sort the letters by year.",
               "Worked example (a similar ordering, with three other events from the timeline): the 2010 "
               "election (December 2010), Lukashenko becomes president (July 1994) and the Orange Revolution "
               "begins (November 2004). Sorted by year, earliest first: 1994, 2004, 2010. Do the same with the "
               "five events of this exercise."]),
    Question(
        qid="q2.7", kind="text", skill="use of evidence",
        prompt="Was the author right that 2020 was different from 2006? Use two numbers from the explorer, "
               "and say who claims each one.",
        min_words=30,
        starters=["Yes / No, 2020 was different from 2006 because ...",
                  "In 2006, ... counted ... ; in 2020, ... counted ...",
                  "These numbers are estimates, so ..."],
        rubric=["takes a position on the question", "uses two numbers from the kit's data",
                "names who claims each number (an agency, a rights group, an official body)",
                "notes at least one limit of the numbers (estimates, ranges, official claims)"],
        examples=["Yes. In 2006 news agencies counted about 8,000-10,000 people at the biggest protest, but in 2020 "
                  "Reuters counted around 200,000. The Interior Ministry itself counted at least 6,700 people detained "
                  "in the first four days in 2020; rights groups counted more than 1,000 in about six weeks in 2006. "
                  "These are estimates, and one is an official claim, but the difference is very large."],
        hints=["Open the explorer and look at Peak protest size and Detentions in total.",
               "Write the number and, in brackets, who counted it.",
               "Worked example (a similar sentence, with another measure): 'In 2006 the Central Election "
               "Commission said turnout was 92.9%; in 2020 it said 84.28%. Both are official claims, so they tell "
               "us what the authorities said, not what really happened.' Now write the same kind of sentence "
               "with two other numbers."]),
]
