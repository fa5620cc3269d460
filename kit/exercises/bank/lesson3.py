"""Lesson 3: weighing the policy options."""
from ...data_package import tables
from ..model import CORRECT, NOT_YET, PARTLY, Question

CRITERIA = ["feasibility", "de_escalation", "protester_safety", "belarusian_choice", "actor_interest"]


def _comparable():
    """The criteria the neutral view scores (the matrix with no perspective): all but each owner's interest."""
    from ...figures.charts import neutral_criteria
    return neutral_criteria()


def _ranked():
    o = tables.options()
    o = o.assign(average=o[_comparable()].astype(float).mean(axis=1))
    return o.sort_values("average", ascending=False)[["option_id", "label", "average"]]


def _check_ranked(got, want):
    import pandas as pd
    if isinstance(got, pd.Series):
        return NOT_YET, "This needs a table with the columns option_id, label and average, not one column.", ""
    if "average" not in got.columns:
        return NOT_YET, "Your table has no column called average. Add it with table.assign(average=...) " \
                        "or table[\"average\"] = ...", ""
    if "option_id" not in got.columns:
        return PARTLY, "Keep the option_id column, so we know which option each average belongs to.", \
            "average present, option_id missing"
    mine = got.set_index("option_id")["average"].astype(float).round(2)
    right = want.set_index("option_id")["average"].round(2)
    if len(mine) != len(right) or set(mine.index) != set(right.index) or \
            (mine.sort_index() - right.sort_index()).abs().max() > 0.05 + 1e-9:  # rounded to 1 decimal is fine (3.75 -> 3.8)
        return NOT_YET, "Some averages are not right. Use the four criteria columns (not actor_interest), and " \
                        ".mean(axis=1) to average across a row.", ""
    if not got["average"].is_monotonic_decreasing:
        return PARTLY, "The averages are right; now sort from highest to lowest.", "right values, not sorted"
    return CORRECT, "Yes: with equal weights, this is the ranking the matrix shows.", ""


def _why_never_first():
    """A if the data really makes o04 never first alone because o10 is never below it; else D."""
    from ...figures.charts import dominated_by, first_place_counts
    if first_place_counts("o04")["alone"] == 0 and "o10" in dominated_by("o04"):
        return "A"
    return "D"


def _safe_options():
    return int((tables.options()["protester_safety"] >= 4).sum())


ACTORS_DID = {"russia": "C", "eu": "A", "osce": "B", "lukashenko": "D"}

QUESTIONS = [
    Question(
        qid="q3.1", kind="choice", skill="close reading", variable="moscow_option",
        prompt="According to the column (paragraph 29), which option is Moscow taking in August 2020?",
        options={"A": "Throwing its force behind Lukashenko", "B": "Backing an alternative to Lukashenko",
                 "C": "Leaving room for both", "D": "Staying out of Belarus completely"},
        expected="C",
        misconceptions={"A": "This answer mistakes a conditional pledge for a decision.",
                        "B": "This answer reads the column's second option as what Moscow chose.",
                        "D": "This answer ignores the CSTO pledge the column describes."},
        feedback={"correct": "Yes: 'Moscow seems to be, reluctantly, leaving room for both.'",
                  "A": "The column says the pledge 'smacks of reluctance'. Read paragraph 29.",
                  "B": "That is the second option the column describes, not what it says Moscow is doing.",
                  "D": "The column describes a pledge of support under the CSTO, so not 'completely'."},
        hints=["Read paragraph 29 in the reader. With code: in a new code cell, type article.paragraphs[29].",
               "Look for the word 'both'.",
               "Worked example (a similar task): if a paragraph said Moscow 'has decided to stand fully behind' "
               "Lukashenko, that would match backing him with force. Find the words in paragraph 29 that say "
               "what Moscow 'seems to be' doing, and match them the same way."]),
    Question(
        qid="q3.5", kind="frame", skill="working with data", variable="ranked",
        prompt="Give each option its average score over the four criteria that mean the same for every option "
               "(feasibility, de_escalation, protester_safety, belarusian_choice; not actor_interest, because each "
               "option has a different owner), in a new column called average. Keep option_id, label and average, "
               "sort from highest to lowest, and store the table in ranked.",
        expected=_ranked, check_frame=_check_ranked,
        hints=["The four criteria columns are feasibility, de_escalation, protester_safety and belarusian_choice.",
               "An option's average is its four scores added up and divided by 4. Then sort from the highest "
               "average down. With code: in your answer cell, options[criteria].mean(axis=1) averages across "
               'each row; .sort_values("average", ascending=False) sorts.',
               "Worked example (a similar table, on two criteria only): average feasibility and de_escalation "
               "for each option, and sort. With code: in your answer cell, two = "
               'options.assign(pair=options[["feasibility", "de_escalation"]].mean(axis=1)).sort_values("pair", '
               'ascending=False)[["option_id", "label", "pair"]]. Now use the four criteria and call the column '
               "average."]),
    Question(
        qid="q3.6", kind="number", skill="working with data", variable="safe_options",
        prompt="How many options score 4 or more on protester_safety? Store the number in safe_options.",
        expected=_safe_options,
        no_code={"table": "options", "show": ["option_id", "label", "protester_safety"],
                 "steps": "Filter 1: keep rows where protester_safety is one of the values 4 or more that the "
                          "list shows (hold Shift and press the arrow keys to choose more than one). Then count "
                          "the rows. Type the number and press Check."},
        feedback={"correct": "Yes. Which actors hold those options?"},
        hints=["Keep the options whose protester_safety is 4 or 5 (in the table tool: Filter 1, "
               'protester_safety, 4 and 5). With code: in your answer cell, options["protester_safety"] >= 4 '
               "gives True or False for each option.",
               "Then count the rows that are left. With code: in your answer cell, adding up True values counts "
               "them: .sum().",
               "Worked example (a similar count): to count the options that score 4 or more on feasibility, keep"
               ' those rows and count them. With code: in your answer cell, (options["feasibility"] >= 4).sum().'
               " Now do it for protester_safety."]),
    Question(
        qid="q3.7", kind="matching", skill="contextualisation", variable="who_did_what",
        prompt="By 20 August 2020, what had each actor said it would do? Match them. Store a dictionary in "
               "who_did_what, for example {\"russia\": \"A\", ...}.",
        # Options as they could be seen on 20 August 2020: each actor's own stated line by that day, with
        # nothing from later (what each actor did next is shown only after the role-play, in lesson 4).
        options={"A": "Said the vote was not free or fair, refused to recognise the result, and said it would "
                      "soon impose sanctions on the people responsible for violence",
                 "B": "Offered to help start a dialogue between the government and the opposition",
                 "C": "Said it was ready to give 'the necessary assistance', 'if necessary' through the CSTO",
                 "D": "Used force against the protests and said Belarus needed no foreign mediators"},
        items=list(ACTORS_DID),
        expected=ACTORS_DID,
        # The EU's leaders also called for dialogue on 19 August 2020: "an inclusive national dialogue" (document
        # d3, the European Council's conclusions). B is a fair reading of the EU's line too.
        accept={"eu": {"B": "B fits the EU too: on 19 August its leaders called for 'an inclusive national "
                            "dialogue' (document d3). A (refusing the result, sanctions to come) is what only the "
                            "EU said."}},
        feedback={"correct": "All four right: these were the actors' own lines on 20 August. What each did next "
                             "is shown only after the role-play in lesson 4."},
        hints=["The timeline above, and the role cards in lesson 4, show what each actor said by 20 August.",
               "Look for the actor in the actors column of each row.",
               "Worked example (a made-up similar match): if a row said 'Country X called its ambassador home', the "
               "option 'Withdrew its ambassador' would go with Country X. Match each actor by what its row says it "
               "said or did by 20 August."]),
    Question(
        qid="q3.2", kind="text", skill="use of evidence",
        prompt="Your group's own scores: score two or three options from 1 to 5 on each criterion, with a "
               "reason for each option, as of 20 August 2020. Compare your ranking with the kit's and save.",
        min_words=30,
        starters=["We gave option ... these scores: ... , because ...",
                  "Our evidence, known by 20 August 2020, is ... (source: ...).",
                  "We disagree with the kit on ... because ..."],
        rubric=["scores two or three options on all five criteria",
                "gives a reason for each option that uses a fact known by 20 August 2020 (no hindsight)",
                "names at least one criterion where the group disagrees with the kit, and says why"],
        examples=["o04 EU and Russia mediate together: feasibility 1, de escalation 5, protester safety 3, "
                  "belarusian choice 2, actor interest 2. Reason: Lukashenko said on 15 August that Belarus needed "
                  "no foreign mediators, so it could hardly start; we gave feasibility 1, the kit gives 2.\n"
                  "o10 OSCE facilitation of dialogue: feasibility 2, de escalation 4, protester safety 4, "
                  "belarusian choice 5, actor interest 3. Reason: the OSCE offered on 17 August to meet the "
                  "government and the opposition, so Belarusians would choose. [Scored with the rubric: meets all "
                  "three criteria; exceeds on the second, because both reasons cite a dated statement.]"],
        hints=["Choose two or three options in the menus, choose a score from 1 to 5 in each of the five score "
               "menus, and write one reason for each option.",
               "For a reason, use a role card, a rationale in the options table, or a paragraph of the column: "
               "nothing from after 20 August 2020.",
               "Worked example (a similar score, for another option): o05, EU sanctions on officials: feasibility 3, "
               "because on 19 August EU leaders said they would 'shortly impose sanctions', but all member states "
               "must agree; the kit says 4. Then press Compare with the kit, and Save our scores."]),
    Question(
        qid="q3.3", kind="choice", skill="use of evidence", variable="matrix_meaning",
        prompt="With your weights, the decision matrix puts one option first. What does that show?",
        options={"A": "That option was the best thing to do",
                 "B": "That option fits best with the weights you chose and the kit's scores",
                 "C": "That option is what happened", "D": "That option is what the column proposed"},
        expected="B",
        misconceptions={"A": "This answer treats a model's output as a fact, not as the result of judgements.",
                        "C": "This answer confuses a recommendation with what happened.",
                        "D": "This answer assumes the tool repeats the author's view."},
        feedback={"correct": "Yes: change the weights and the ranking changes. The scores are judgements too.",
                  "A": "The ranking depends on your weights and on the kit's scores, both judgements.",
                  "C": "The scores use only what was known on 20 August 2020; what happened comes after the role-play.",
                  "D": "Try the 'the column's author' perspective: is the proposal always first?"},
        hints=["Change one weight in its menu: does the order change?", "Where do the scores come from?",
               "Worked example (a similar case): a class ranks holiday places with its own weights, and gives 'cheap' "
               "the biggest weight. The cheapest place comes first. Does that prove it is the best place? Or does it "
               "show what the class chose to care about? Ask the same about the matrix."]),
    Question(
        qid="q3.4", kind="choice", skill="working with data", variable="why_never_first",
        prompt="With the kit's own scores, the column's proposal (o04) never comes first on its own, whatever "
               "the weights (0-5 on each criterion). Why?",
        options={"A": "OSCE facilitation (o10) scores at least as high as o04 on every criterion",
                 "B": "o04 has the lowest de-escalation score of all the options",
                 "C": "The column's author gave it low scores",
                 "D": "That is not true: with some weights o04 is first on its own"},
        expected=_why_never_first,
        misconceptions={"B": "This answer guesses without reading the scores (o04 has the top de-escalation score).",
                        "C": "This answer mixes up the kit's judgements with the author's.",
                        "D": "This answer has not checked the claim against the counts."},
        feedback={"correct": "Yes: o10 is never below o04, so any weights that lift o04 lift o10 as much. Through "
                             "the author's eyes (her interests) it is different: try it.",
                  "B": "Look again: o04 scores 5 on de-escalation, the highest score.",
                  "C": "The scores are the kit's value judgements, not the author's. The author proposed o04.",
                  "D": "The counting cell says how often o04 is first alone with the kit's scores: 0 times."},
        hints=["Compare the rows of o04 and o10 in the options table, criterion by criterion.",
               "If one option is never lower on any criterion, can any weights put the other one above it?",
               "Worked example (a similar case): if option X scores 3, 4, 2 and option Y scores 3, 4, 3, then Y is never "
               "below X, so no weights can put X alone above Y. Now compare o04 and o10 the same way."]),
]
