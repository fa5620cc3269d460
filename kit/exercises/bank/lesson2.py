"""Lesson 2: 2006 and 2020 compared."""
from ... import tables
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


def _times_more():
    return round(_data.largest("detentions_total", 2020) / _data.largest("detentions_total", 2006))


def _share_chart():
    p = tables.protests()
    rows = p[p["measure_id"] == "incumbent_share_official"]
    return {"type": "bar", "x": rows["year"].tolist(), "y": rows["value"].tolist()}


QUESTIONS = [
    Question(
        qid="q2.1", kind="frame", skill="working with data", variable="official",
        prompt="Make a table of the official claims only: the rows of protests where official_claim is True. "
               "Store it in official.",
        expected=_official,
        no_code={"table": "protests", "show": SHOW,
                 "steps": "Filter 1: keep rows where official_claim is one of True. Then: show the rows. "
                          "Press Check."},
        feedback={"correct": "Yes. These are the Belarusian authorities' own figures: claims, not facts."},
        hints=["Filtering rows in pandas: table[condition].",
               "The condition is protests[\"official_claim\"] (it is already True or False).",
               "Worked example: official = protests[protests[\"official_claim\"]]"]),
    Question(
        qid="q2.2", kind="number", skill="working with data", variable="measures_2020",
        prompt="How many different measures does the table have for 2020? Store the number in measures_2020.",
        expected=_measures_2020,
        no_code={"table": "protests", "show": SHOW,
                 "steps": "Keep the rows of one year. Then count the different values in the measure_id "
                          "column. Type the number and press Check."},
        feedback={"correct": "Yes: nunique() counts each measure once, however many sources it has.",
                  "=77": "That is the number of rows for 2020. Some measures have several rows, one per source. "
                         "Count the different measure_id values.",
                  "=63": "That counts the measures of both years. Keep only the 2020 rows first."},
        misconceptions={"=77": "counts rows instead of distinct measures",
                        "=63": "forgets to filter by year before counting"},
        hints=["First keep the 2020 rows: protests[protests[\"year\"] == 2020].",
               "Then count the different values in the measure_id column: .nunique().",
               "Worked example: measures_2020 = protests[protests[\"year\"] == 2020][\"measure_id\"].nunique()"]),
    Question(
        qid="q2.3", kind="number", skill="use of evidence", variable="times_more", tolerance=1,
        partial_within=0.1,
        prompt="Detentions in total: take the largest number given for each year (in the value, low or high "
               "column) and work out how many times more people were detained in 2020 than in 2006. "
               "Round to a whole number and store it in times_more.",
        expected=_times_more,
        no_code={"table": "protests", "show": SHOW,
                 "steps": "Keep measure_id detentions_total and one year; find the largest number in "
                          "'value, low or high'. Do it for each year, divide (a calculator is fine), round, "
                          "type the number and press Check."},
        feedback={"correct": "Yes: by the largest estimates, about 33 times more people were detained in 2020.",
                  "=27": "You used the UN figure (27,000). The question asks for the largest number for 2020."},
        misconceptions={"=27": "picks the first figure found instead of comparing the sources"},
        hints=["kit.compare(\"detentions_total\") shows the rows for both years.",
               "Find the largest number for 2020 and for 2006, then divide the first by the second.",
               "Worked example: rows = kit.compare(\"detentions_total\"); "
               "top = rows.groupby(\"year\")[[\"value\", \"low\", \"high\"]].max().max(axis=1); "
               "times_more = round(top[2020] / top[2006])"]),
    Question(
        qid="q2.4", kind="figure", skill="working with data", variable="share_chart",
        prompt="Make a bar chart of Lukashenko's official share of the vote in 2006 and 2020 "
               "(measure_id \"incumbent_share_official\"; x = year, y = value). Store it in share_chart.",
        expected=_share_chart,
        no_code={"table": "protests", "show": SHOW,
                 "steps": "Keep the rows of measure_id incumbent_share_official. Then draw a bar chart: "
                          "column (x axis) year, y axis value. Press Check."},
        feedback={"correct": "Yes. Remember: both bars are official claims, disputed by observers."},
        hints=["Keep the rows of that measure first.",
               "plotly express makes a bar chart with px.bar(table, x=..., y=...).",
               "Worked example: rows = protests[protests[\"measure_id\"] == \"incumbent_share_official\"]; "
               "share_chart = px.bar(rows, x=\"year\", y=\"value\")"]),
    Question(
        qid="q2.5", kind="choice", skill="contextualisation", variable="new_in_2020",
        prompt="Which context factor does the column name for 2020 that did not exist in 2006?",
        options={"A": "The pandemic", "B": "Colour revolutions in neighbouring countries",
                 "C": "Lukashenko in power", "D": "Russian energy subsidies to Belarus"},
        expected="A",
        misconceptions={"B": "misses that colour revolutions came before 2006 too (Georgia 2003, Ukraine 2004)",
                        "C": "forgets that Lukashenko had ruled since 1994",
                        "D": "misses that Russia subsidised Belarus in both years"},
        feedback={"correct": "Yes: COVID-19 was new in 2020; paragraph 5 names it.",
                  "B": "Paragraph 2 says colour revolutions came before 2006 as well.",
                  "C": "Lukashenko was in power in both years: since 1994.",
                  "D": "Cheap Russian gas in 2006 and the oil quarrels of 2018-2020: subsidies mattered in both years."},
        hints=["Read paragraph 5 again: it lists a 'perfect storm'.",
               "Which of the three storms could not have happened in 2006?",
               "Worked example: the pandemic began in 2020, so it cannot be a 2006 factor. Answer A."]),
    Question(
        qid="q2.6", kind="ordering", skill="contextualisation", variable="event_order",
        prompt="Put these events in time order, earliest first. Store a list of letters in event_order.",
        options={"A": "Euromaidan protests begin in Kyiv", "B": "Rose Revolution in Georgia",
                 "C": "Russia and Belarus sign the Union State treaty", "D": "Belarus arrests 33 Russian contractors",
                 "E": "Belarus's presidential election (the first of our two)"},
        expected=lambda: _data.events_in_order(EVENTS),
        feedback={"correct": "Yes: 1999, 2003, 2006, 2013, 2020."},
        hints=["kit.timeline() has every event with its date.",
               "Two events happened before 2005 and one in 2020.",
               "Worked example: the Union State treaty (C) is from 1999, so the list starts with \"C\"."]),
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
                  "Reuters counted around 200,000. Viasna counted more than 33,000 detentions in 2020, against more "
                  "than 1,000 in 2006. These are estimates, but the difference is very large."],
        hints=["Open the explorer and look at Peak protest size and Detentions in total.",
               "Write the number and, in brackets, who counted it.",
               "Worked example: 'In 2020 Reuters counted around 200,000 marchers in Minsk; in 2006 news agencies "
               "counted 8,000-10,000.'"]),
]
