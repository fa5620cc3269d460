"""Lesson 6: the knowledge check (the basic facts of 2020) and the summative essay.

Every answer is in the kit's data: kit.timeline(), kit.protests(), kit.actors(), kit.aftermath().
The hints say where to look, so a student who does not remember can find it (the skill is the same).
"""
from ...data_package import tables
from ..model import Criterion as _Criterion
from ..model import Question
from . import _data

# Letters -> timeline events (q6.10), and the events each matching item rests on (q6.2, q6.8).
EVENTS = {"A": "e065", "B": "e046", "C": "e050", "D": "e064", "E": "e067"}


def _official_share() -> float:
    p = tables.protests()
    row = p[(p["measure_id"] == "incumbent_share_official") & (p["year"] == 2020)]
    return float(row["value"].iloc[0])


def _first_days_detentions() -> float:
    p = tables.protests()
    row = p[(p["measure_id"] == "detentions_first_days") & (p["year"] == 2020)]
    return float(row["value"].iloc[0])


# The summative task (q6.11). One rubric for the essay and the memo: six criteria, each scored 0 (missing),
# 1 (partly) or 2 (met), with a short descriptor per level. The standard is every criterion met (12 of 12);
# "beyond the standard" is noted in words, not in extra points. The word range below is the one the task
# states, the check asks for (min_words) and every scored example keeps (tests/test_summative.py).
WORDS = (200, 300)
SCALE = ("missing", "partly", "met")


class Criterion(_Criterion):
    """The gradebook's rubric criterion (kit/exercises/model.py) with an id, its text, and a descriptor per
    level (0 missing, 1 partly, 2 met). A str, so every place that shows a rubric as text keeps working."""

    def __new__(cls, cid: str, text: str, levels: tuple[str, str, str]):
        obj = super().__new__(cls, text, levels=tuple(f"{name}: {what}" for name, what in zip(SCALE, levels)))
        obj.id, obj.text = cid, text
        return obj


ESSAY_RUBRIC = [
    Criterion("position", "answers the question with a clear position at the start",
              ("there is no answer to the question, or it comes only at the end",
               "there is an answer, but it is unclear or changes without a reason",
               "the first sentences give a clear answer: yes, no, or 'yes, if' (a memo: a recommendation)")),
    Criterion("evidence", "uses at least three facts from the kit's data, each with who said it or where it comes from",
              ("fewer than two facts, or no fact says where it comes from",
               "two facts, or three where one or more has no source or no date",
               "three or more facts, each with its source (who said it, or the kit's table) and its date")),
    Criterion("then_and_now", "keeps apart what was known on 20 August 2020 and what happened later",
              ("later events are used as if they were known on 20 August (hindsight)",
               "most facts are dated, but one later fact is used as if it was known, or the two times are mixed",
               "every fact is dated; an essay judges twice (on 20 August, then with hindsight); a memo uses only "
               "facts known by 20 August and puts later ones only in its last line")),
    Criterion("counter", "weighs at least one argument against its own position, fairly",
              ("no argument against its own position",
               "names an argument against, but brushes it aside without evidence",
               "gives the strongest argument against, with evidence quoted fairly, and answers it")),
    Criterion("source", "judges the column as a source (an opinion column, its author and her evidence)",
              ("treats the column as a neutral report, or does not discuss it",
               "says the column is an opinion, but no more",
               "says what kind of text it is, what its author could know, and how strong its evidence is")),
    Criterion("conclusion", "ends with a conclusion that follows from the evidence",
              ("no conclusion, or one that the evidence contradicts",
               "a conclusion that repeats the position without linking it to the evidence",
               "a conclusion that follows from the evidence weighed above")),
]
RUBRIC_IDS = [c.id for c in ESSAY_RUBRIC]


class ScoredExample(str):
    """An example answer with its score, criterion by criterion. str(example) is "label: body", which is how
    the lesson and the marking card show an example; the answer key also shows ``scores``."""

    def __new__(cls, label: str, form: str, stance: str, body: str, scores: dict[str, tuple[int, str]],
                beyond: str = ""):
        total = sum(level for level, _ in scores.values())
        top = sum(c.top for c in ESSAY_RUBRIC)
        full = f"{label} ({form}, {stance}; {total} of {top} points)"
        obj = super().__new__(cls, f"{full}: {body}")
        obj.label, obj.form, obj.stance, obj.body, obj.scores, obj.beyond = full, form, stance, body, scores, beyond
        obj.total = total
        return obj


ESSAY_EXAMPLES = [
    ScoredExample(
        "Above the standard", "essay", "for the proposal",
        "As of 20 August 2020, the column's proposal was a good answer, but a risky one. What was known then "
        "supported it. On 19 August EU leaders "
        "said the election was \"neither free nor fair\", but they also asked for \"an inclusive national "
        "dialogue\" and said that \"all parties, including third states, should support such a process\" "
        "(European Council). Russia is such a third state. On the same day Putin's spokesman "
        "said there was \"no such need\" for Russian help now, although he also called foreign interference "
        "\"unacceptable\" (the kit's timeline). On 17 August the OSCE, where Russia and the EU states both sit, "
        "offered a visit \"to meet with the government and representatives of the opposition\" (its role card). "
        "The strongest argument against is Lukashenko. On 15 August he said: \"We don't need any foreign governments "
        "or mediators\" (BelTA). Moscow had also promised \"necessary assistance\" under the Union State treaty "
        "\"and also if needed\" through the CSTO (Kremlin readout, 16 August). But the column asks Moscow and "
        "Brussels to press him together, \"behind the scenes\". The "
        "column is an opinion piece. Its author, most likely Anna Arutunyan (the kit infers this), reported from "
        "Belarus in 2006, so she knows the country, but her claims about what Moscow wants are her own reading, "
        "and she admits the plan is \"still a stretch\". What we know now: on 27 August Putin said a police "
        "reserve for Belarus was ready, and on 14 September he agreed to lend Minsk $1.5 billion. Moscow chose "
        "Lukashenko. That does not show the idea was wrong on 20 August: it was never tried. It shows that its "
        "hope, a reluctant Moscow, did not hold. So the proposal was reasonable then, but a long shot; I am "
        "fairly sure of that.",
        {"position": (2, "The first sentence answers the question: a good answer, but a risky one."),
         "evidence": (2, "Six facts, each with who said it and the date: the European Council and Peskov (19 "
                         "August), the OSCE (17 August), Lukashenko (15 August), the Kremlin (16 August), Putin "
                         "(27 August, 14 September)."),
         "then_and_now": (2, "It judges the proposal on the evidence of 15-19 August first, then says 'What we "
                             "know now' and keeps the police reserve and the loan for that part."),
         "counter": (2, "It gives the strongest argument against (Lukashenko refused mediators, Moscow promised "
                        "help) with its sources, and answers it. Peskov is quoted fairly: 'no such need' and "
                        "'unacceptable' from the same statement."),
         "source": (2, "It names the kind of text, says the author's name is inferred, what she could know "
                       "(Belarus in 2006) and where her evidence is weak."),
         "conclusion": (2, "The conclusion follows from the evidence and says how sure the writer is.")},
        beyond="Beyond the standard on three criteria: it sees that the EU's own words invite 'third states' "
               "(a link the column does not make); it separates 'never tried' from 'failed'; and it says how "
               "sure it is."),
    ScoredExample(
        "At the standard", "essay", "against the proposal",
        "No. As of 20 August 2020, the column's proposal was not a good answer, because Lukashenko and Moscow "
        "had already said no to outside help. First, on 15 August Lukashenko said: \"We don't need any "
        "foreign governments or mediators\" (BelTA, on his role card). Mediation cannot start if one side refuses "
        "it. Second, on 16 August the Kremlin said Russia was ready to give \"necessary assistance\" under the "
        "Union State treaty \"and also if needed\" through the CSTO (Kremlin readout). So Moscow was on "
        "Lukashenko's side, not a neutral mediator. Third, on 19 August Putin's spokesman said there was \"no "
        "such need\" for Russian help at that moment, but he also called foreign interference \"unacceptable\" "
        "(the kit's timeline). A joint plan with the EU could look like that interference to Moscow. On the "
        "other hand, on 19 August EU leaders asked for \"an inclusive national dialogue\" (European Council), "
        "so the EU wanted talks. This is a fair point, but the EU alone could not bring Moscow and Lukashenko to "
        "the table. The column is an opinion column in "
        "The Moscow Times. The author reported from Belarus in 2006, so the author knows the country. But the "
        "column quotes no statement from Moscow or Brussels that they wanted to work together, and the author "
        "says that the plan is \"still a stretch\". With hindsight, Putin said on 27 August that Russia had a "
        "police reserve ready for Belarus, and on 14 September he agreed a loan of $1.5 billion. The kit's data "
        "records no joint EU-Russia mediation. These facts were not known on 20 August, but they fit what the "
        "evidence showed then. So, weighing the evidence, the proposal was a hopeful idea, not a good answer, "
        "on 20 August.",
        {"position": (2, "'No' in the first word, and the reason in the first sentence."),
         "evidence": (2, "Four facts known by 20 August, each with its source and date (Lukashenko via BelTA, "
                         "the Kremlin readout, Peskov, the European Council), and two later ones, dated."),
         "then_and_now": (2, "The argument uses only facts of 15-19 August; the police reserve and the loan "
                             "come after 'With hindsight', and the writer says they were not known then."),
         "counter": (2, "It gives the EU's call for dialogue, with its source, calls it a fair point and "
                        "answers it. Peskov's statement is quoted whole: 'no such need' and 'unacceptable'."),
         "source": (2, "It names the kind of text and the outlet, what the author could know, and the gap in "
                       "the evidence (no statement from Moscow or Brussels)."),
         "conclusion": (2, "The conclusion follows from the three reasons and the answer to the counter-argument.")}),
    ScoredExample(
        "Below the standard", "essay", "against the proposal",
        "The column's proposal was not a good answer, because it did not work. Russia and the EU never worked "
        "together in Belarus. Russia helped Lukashenko a lot. Putin said a police reserve was ready for Belarus, "
        "and Russia agreed to lend Belarus $1.5 billion. Russia also said it would help through the CSTO if needed. So "
        "Russia did not want to mediate with the EU. It wanted Lukashenko to stay in power. The EU did other "
        "things. It said the election was \"neither free nor fair\", and later it put sanctions on officials, "
        "and in November on Lukashenko himself. The EU and Russia were on different sides all the time. "
        "Lukashenko stayed in power, and in January 2025 he claimed a seventh term. Many opposition leaders went "
        "to prison or left the country. Tsikhanouskaya went to Lithuania two days after the election. This "
        "shows that mediation did not happen and could not happen. Some people may say that the idea was good "
        "because talks are better than violence. I agree that talks are better than violence, but in this case "
        "they did not happen, so the idea was not realistic. The column was written in The Moscow Times. The "
        "author wanted the EU and Russia to work together, and the author wrote that Lukashenko's time was "
        "over. But the author did not know what would happen. In the end, the proposal was a bad answer. Russia "
        "supported Lukashenko, the EU made sanctions, and nothing changed in Belarus. The author was too "
        "hopeful, and the EU should not have listened.",
        {"position": (2, "The first sentence answers the question (not a good answer)."),
         "evidence": (1, "Many facts, but only two have a date and none says who reported it."),
         "then_and_now": (0, "It judges the proposal only by what happened later (the loan, the sanctions, "
                             "2025): 'it did not work' is hindsight. It never asks what was known on 20 August."),
         "counter": (1, "It names an argument against (talks are better than violence) but answers it with "
                        "hindsight, not with evidence of the time."),
         "source": (1, "It names the outlet and the author's aim, but says nothing about what kind of text it "
                       "is or how strong its evidence is."),
         "conclusion": (1, "The conclusion repeats the position; 'nothing changed' and 'should not have "
                           "listened' do not follow from the facts above.")},
        beyond="To lift it: date each fact and name who reported it; judge the proposal first with the facts "
               "of 15-19 August (the timeline in section 6); say what kind of text the column is."),
    ScoredExample(
        "At the standard", "memo", "for the proposal, with conditions",
        "Memo to the leaders of the EU, 20 August 2020. We recommend: yes, if the talks go through the OSCE and include the "
        "Belarusian opposition. Our evidence is from this week. On 19 August you said the election was "
        "\"neither free nor fair\" and asked for \"an inclusive national dialogue\"; you added that \"all "
        "parties, including third states, should support such a process\" (European Council). Russia is such a "
        "third state. On 17 August the OSCE offered a visit \"to meet with the government and representatives "
        "of the opposition\" (OSCE chair). Russia is an OSCE member, so Moscow already "
        "sits at that table. "
        "There are risks. On 15 August Lukashenko said: \"We don't need any foreign governments or mediators\" "
        "(BelTA). On 16 August the Kremlin said Russia was ready to give \"necessary assistance\" under the Union "
        "State treaty \"and also if needed\" through the CSTO (Kremlin readout). Yesterday Putin's spokesman "
        "said there was \"no such need\" for Russian help now, but he called foreign interference "
        "\"unacceptable\". So Moscow may see any EU step as interference. So the talks should be quiet and shared with "
        "Moscow, not aimed against it. About the source: the proposal comes from an opinion "
        "column in The Moscow Times of 16 August. Its author reported from Belarus in 2006 and knows the "
        "region, but the column quotes no statement from Moscow that it would join talks, and it calls the plan "
        "\"still a stretch\". We treat it as one expert's argument, not as news of Moscow's plans. In "
        "conclusion, a quiet EU-Russia channel through the OSCE is worth trying while sanctions are prepared: "
        "if Moscow says no, we lose little. What happened next: on 27 August Putin said a police reserve for "
        "Belarus was ready, and the kit's data records no joint mediation.",
        {"position": (2, "The recommendation ('yes, if', with two conditions) comes in the first lines."),
         "evidence": (2, "Five facts of 15-19 August, each with its source and date."),
         "then_and_now": (2, "Everything in the argument was known by 20 August; the police reserve (27 "
                             "August) is only in the last line, 'What happened next', as the task asks."),
         "counter": (2, "It sets out the risks (Lukashenko's refusal, the Kremlin's promise of help and its "
                        "warning) with sources, and says how the plan answers them. Peskov is quoted fairly."),
         "source": (2, "It says the proposal comes from an opinion column, what its author could know, and "
                       "what the column's evidence lacks."),
         "conclusion": (2, "The conclusion follows from the evidence and the risks weighed above.")}),
    ScoredExample(
        "Below the standard", "memo", "against the proposal",
        "Memo to the EU, 20 August 2020. We think the EU should not work with Russia on Belarus. Russia is on "
        "Lukashenko's side. On 16 August the Kremlin said Russia was ready to give \"necessary assistance\" "
        "under the Union State treaty \"and also if needed\" through the CSTO. Russia also agreed to lend Belarus $1.5 "
        "billion, so it wants Lukashenko to stay. Putin also said that a police reserve for Belarus was ready. "
        "The EU has a different view. EU leaders said the election was \"neither free nor fair\", and they do "
        "not recognise the results. So the EU and Russia want different things, and it is hard for them to work "
        "together. Lukashenko does not want mediators either. He said: \"We don't need any foreign governments or "
        "mediators.\" If he does not want mediators, nobody can make him talk. Some people think that talking "
        "to Russia is always good, because talks are better than fighting. But Russia did not listen to the EU "
        "before, for example about Ukraine. So we do not think talks with Russia will help. The column says "
        "the EU and Russia should work together behind the scenes. We do not agree with the column, because "
        "Russia is not neutral. We recommend sanctions on the people who used violence and support for the "
        "people of Belarus, not talks with Russia. The EU must stay strong and speak with one voice, and it "
        "should not make secret deals. What happened next: the EU put sanctions on officials in October, and "
        "on Lukashenko in November.",
        {"position": (2, "A clear recommendation in the second sentence."),
         "evidence": (1, "Four facts, but only the Kremlin's has a date, and two have no source."),
         "then_and_now": (0, "A memo dated 20 August uses the loan (14 September) and the police reserve "
                             "(27 August) as if they were known: hindsight."),
         "counter": (1, "It names an argument against (talks are better than fighting) but answers it with an "
                        "unsourced claim about Ukraine."),
         "source": (0, "It reports what the column says but does not judge it as a source."),
         "conclusion": (1, "The recommendation of sanctions is not linked to the evidence above.")},
        beyond="To lift it: keep to facts known by 20 August (the loan and the reserve belong in the last "
               "line); date and source each fact; say what kind of text the column is and what its author "
               "could know."),
]

ESSAY_STARTERS = [
    "As of 20 August 2020, the column's proposal was ... because ...",
    "One fact that supports this is ... (source: ...).",
    "On the other hand, ... This matters because ...",
    "What the author could not know in August 2020 is that ...",
    "As a source, the column is ... because its author ...",
    "Weighing the evidence, I conclude that ...",
]

QUESTIONS = [
    Question(
        qid="q6.1", kind="choice", skill="contextualisation", variable="main_challenger",
        prompt="Who was Lukashenko's main challenger on the ballot in the election of 9 August 2020?",
        options={"A": "Sviatlana Tsikhanouskaya", "B": "Viktor Babariko", "C": "Valery Tsepkalo",
                 "D": "Maria Kalesnikava"},
        expected="A",
        misconceptions={"B": "This answer confuses a barred would-be candidate with the candidate on the ballot.",
                        "C": "This answer confuses a barred would-be candidate with the candidate on the ballot.",
                        "D": "This answer confuses a campaign leader with the candidate."},
        feedback={"correct": "Yes. She ran after her husband, the blogger Siarhei Tsikhanouski, was arrested.",
                  "B": "Babariko was arrested in June and refused registration: he was not on the ballot.",
                  "C": "Tsepkalo was refused registration on 14 July and left for Russia.",
                  "D": "Kalesnikava was part of Babariko's campaign and joined the united campaign, but she "
                             "did not run."},
        hints=["Look for the measure 'Main challenger' for 2020 in the kit's table of protest measures. With "
               'code: in a new code cell, type kit.compare("main_challenger").',
               "Three campaigns united behind one woman on 16 July (see the kit's timeline).",
               "Worked example (the method): the table of measures has one 'Main challenger' row per year; read "
               "the 2020 row. Then check in the timeline that this person was registered and on the ballot, not "
               "barred or only a campaign leader."]),
    Question(
        qid="q6.2", kind="matching", skill="contextualisation", variable="before_the_vote",
        prompt="What happened to each of these people before the vote? Store a dictionary in before_the_vote, "
               "for example {\"tsikhanouski\": \"A\", ...}.",
        items=["tsikhanouski", "babariko", "tsepkalo", "tsikhanouskaya"],
        options={"A": "Arrested in May at a picket collecting signatures; he could not register as a candidate",
                 "B": "Arrested in June; the election commission then refused to register him",
                 "C": "Refused registration (too few valid signatures); he left for Moscow",
                 "D": "Registered as a candidate and ran against Lukashenko"},
        expected={"tsikhanouski": "A", "babariko": "B", "tsepkalo": "C", "tsikhanouskaya": "D"},
        feedback={"correct": "All four right: three would-be candidates were kept off the ballot, by arrest "
                             "or refusal, and one woman ran in their place."},
        hints=["The kit's timeline has events from 29 May to 24 July 2020 about each of them. With code: in a "
               "new code cell, type kit.timeline().",
               "Babariko ran a bank; Tsepkalo's wife joined the united campaign; Tsikhanouski was a blogger.",
               "Worked example (another person, not in this list): Maria Kalesnikava was part of Babariko's "
               "campaign and joined the united campaign on 16 July, but she was not a candidate. An option about"
               " a campaign leader would go with her. Find each person's events in the timeline the same way."]),
    Question(
        qid="q6.3", kind="number", skill="use of evidence", variable="official_share", tolerance=0.2,
        prompt="What share of the vote (in %) did the Central Election Commission give Lukashenko in 2020? "
               "Store the number in official_share.",
        expected=_official_share,
        feedback={"correct": "Yes: about 80% (80.23% in the preliminary result, 80.1% in the final one). "
                             "Remember: this is the commission's claim, not a fact.",
                  "=10.12": "That is Tsikhanouskaya's official share. The question asks for Lukashenko's.",
                  "=9.9": "That is Tsikhanouskaya's preliminary official share. The question asks for Lukashenko's.",
                  "=56": "That is the independent estimate for Tsikhanouskaya, not the official result."},
        misconceptions={"=10.12": "This answer reads the challenger's row.", "=9.9": "This answer reads the challenger's row.",
                        "=56": "This answer mixes up the official result and an independent estimate."},
        hints=["The measure is 'incumbent_share_official' in the kit's table of protest measures (lesson 2's "
               "explorer shows it too).",
               "Keep the row for 2020 and read its value column.",
               "Worked example (a similar task): the measure main_challenger_share_official gives the "
               "challenger's official share in each year; read its 2020 row. With code: in a new code cell, type"
               " kit.compare(\"main_challenger_share_official\"). Do the same with Lukashenko's measure."]),
    Question(
        qid="q6.4", kind="choice", skill="contextualisation", variable="result_disputed",
        prompt="How was the official result disputed?",
        options={"A": "Tsikhanouskaya rejected it, and EU leaders said the election was 'neither free nor fair' "
                      "and did not recognise the results",
                 "B": "Nobody disputed it: all foreign governments congratulated Lukashenko",
                 "C": "The election commission itself corrected it a week later",
                 "D": "Only Russia disputed it"},
        expected="A",
        misconceptions={"B": "This answer takes congratulations from some leaders for general acceptance.",
                        "C": "This answer confuses a preliminary and a final count with a correction.",
                        "D": "This answer confuses Moscow's support for Lukashenko with a dispute."},
        feedback={"correct": "Yes. Independent groups also reconstructed a very different result; their "
                             "estimate is in the measure independent_result_estimate.",
                  "B": "Putin and Xi Jinping congratulated him, but the EU did not recognise the results.",
                  "C": "The commission's final figure was close to its first one; the dispute came from others.",
                  "D": "Putin congratulated Lukashenko on 10 August. Who rejected the result?"},
        hints=["Look at the timeline for 10-19 August 2020.",
               "The measure eu_verdict_on_election shows what the EU said. With code: in a new code cell, type "
               'kit.compare("eu_verdict_on_election").',
               "Worked example (the method): for each option, look for a dated record that shows it. The EU's "
               "words of 19 August are in the measure eu_verdict_on_election; whether Putin congratulated "
               "Lukashenko is in putin_congratulated. Keep the option those records support. With code: in a new"
               ' code cell, type kit.compare("putin_congratulated").']),
    Question(
        qid="q6.5", kind="choice", skill="contextualisation", variable="internet",
        prompt="What happened to the internet in Belarus after the election?",
        options={"A": "It was blocked across the country from election day for about three days; Lukashenko "
                      "said it was being turned off 'from abroad'",
                 "B": "Nothing: the internet worked normally",
                 "C": "The EU switched it off to help the protesters",
                 "D": "It was blocked for the whole of the autumn without a break"},
        expected="A",
        misconceptions={"B": "This answer does not know about the shutdown.",
                        "C": "This answer takes an official explanation for a fact.",
                        "D": "This answer exaggerates: access came back on 12 August, with later cuts on protest days."},
        feedback={"correct": "Yes. Independent observers found deliberate blocking; Lukashenko's 'from abroad' "
                             "is an official claim. Mobile internet was cut again on later protest days.",
                  "B": "Look at the measure 'Internet shutdown' for 2020.",
                  "C": "That was not reported by any source in the kit. Who made the 'from abroad' claim?",
                  "D": "Access was partly restored on 12 August; later cuts were on protest days."},
        hints=["The measure internet_shutdown has rows for 2006 and 2020. With code: in a new code cell, type "
               'kit.compare("internet_shutdown").',
               "Read who claimed each row: one is an official claim.",
               "Worked example (the method): the 2020 row gives the day the blocking began and the day access "
               "partly came back. Count the days between them, then read who claimed the cause: an official "
               "claim is not a fact."]),
    Question(
        qid="q6.6", kind="choice", skill="contextualisation", variable="strikes",
        prompt="Who went on strike in mid-August 2020?",
        options={"A": "Workers at big state-owned factories, such as Minsk Tractor Works and Belarusian Steel Works",
                 "B": "Nobody: there were street protests but no strikes",
                 "C": "Russian soldiers based in Belarus",
                 "D": "Only university students"},
        expected="A",
        misconceptions={"B": "This answer misses the strikes, one of the big differences from 2006.",
                        "C": "This answer confuses the strikes with Russia's promised help.",
                        "D": "This answer thinks only young people protested."},
        feedback={"correct": "Yes: from 13-14 August. The kit has no record of strikes in 2006.",
                  "B": "Look at the measure 'Strikes' in the kit's table of protest measures.",
                  "C": "No source in the kit reports that.",
                  "D": "Students protested, but the strikes in the data are at factories."},
        hints=["The measure 'Strikes' shows the rows. With code: in a new code cell, type "
               'kit.compare("strikes").',
               "Which workplaces does the text name?",
               "Worked example (the method): read the 2020 text of the measure 'Strikes', note what kind of "
               "workplace it names, and keep the option that names the same kind."]),
    Question(
        qid="q6.7", kind="number", skill="use of evidence", variable="detained_first_days", tolerance=100,
        partial_within=0.1,
        prompt="The crackdown: how many people were detained in the first four days after the election, by the "
               "Belarusian Interior Ministry's own count? Store the number in detained_first_days.",
        expected=_first_days_detentions,
        feedback={"correct": "Yes: at least 6,700 in four days, by the authorities' own count. Rights groups "
                             "also documented hundreds of cases of torture.",
                  "=33000": "That is Viasna's count for the whole of 2020. The question asks for the first "
                            "four days.",
                  "=27000": "That is the UN's count from 9 August to later in the year. The question asks for "
                            "the first four days."},
        misconceptions={"=33000": "This answer reads the year's total instead of the first days.",
                        "=27000": "This answer reads the year's total instead of the first days."},
        hints=["The measure is 'detentions_first_days' in the kit's table of protest measures.",
               "Keep the 2020 row and read its value.",
               "Worked example (a similar task): the measure detentions_total shows the counts for the whole "
               "year, with who counted each (the number is in value, low or high). With code: in a new code "
               'cell, type kit.compare("detentions_total", whole_wave=True). Do the same with detentions_first_days and read the '
               "Interior Ministry's 2020 row."]),
    Question(
        qid="q6.8", kind="matching", skill="contextualisation", variable="where_they_went",
        prompt="Opposition figures after the election: match each person with what happened to them. Store a "
               "dictionary in where_they_went, for example {\"tsikhanouskaya\": \"A\", ...}.",
        items=["tsikhanouskaya", "tsepkalo", "kalesnikava", "babariko"],
        options={"A": "Left for Lithuania two days after the election; Vilnius became her base in exile",
                 "B": "Had left for Moscow before the election, saying he had been warned of his arrest",
                 "C": "Seized in Minsk in September; she tore up her passport at the border to avoid being "
                      "expelled, and was held in Belarus",
                 "D": "In detention since June; sentenced to 14 years in 2021"},
        expected={"tsikhanouskaya": "A", "tsepkalo": "B", "kalesnikava": "C", "babariko": "D"},
        feedback={"correct": "All four right: exile, flight, prison. The opposition's leaders were abroad or "
                             "in jail within weeks."},
        hints=["The kit's timeline has events for each of them between July 2020 and July 2021. With code: in a "
               "new code cell, type kit.timeline().",
               "Two women, two men. Who stayed in Belarus and who left?",
               "Worked example (another person, not in this list): the blogger Siarhei Tsikhanouski was arrested"
               " in Grodno on 29 May 2020 and sentenced to 18 years in December 2021. An option about prison "
               "would go with him. Find each person's events in the timeline the same way."]),
    Question(
        qid="q6.9", kind="choice", skill="contextualisation", variable="moscow_response",
        prompt="How did Moscow respond in August and September 2020?",
        options={"A": "Putin congratulated Lukashenko, promised help under the Union State treaty and, if "
                      "needed, the CSTO, and said a police reserve had been formed",
                 "B": "Russian troops entered Minsk to end the protests",
                 "C": "Moscow refused to recognise the result",
                 "D": "Moscow joined the EU in calling for a new election"},
        expected="A",
        misconceptions={"B": "This answer takes a promise and a reserve for an intervention that did not happen.",
                        "C": "This answer confuses Moscow's position with the EU's.",
                        "D": "This answer confuses the column's proposal with what happened."},
        feedback={"correct": "Yes. In September Putin also agreed a $1.5 billion loan. Moscow backed Lukashenko "
                             "with words, a police reserve and money.",
                  "B": "Putin said the reserve would be used only if the situation 'gets out of control'. No "
                             "source in the kit reports Russian forces entering Minsk.",
                  "C": "Putin congratulated Lukashenko on 10 August.",
                  "D": "That is close to what the column proposed, not what Moscow did."},
        hints=["Look at the measure russia_reaction and the timeline for 15-27 August 2020. With code: in a new "
               'code cell, type kit.compare("russia_reaction").',
               "Did Moscow congratulate Lukashenko or not?",
               "Worked example (the method): test each option against a dated record: the measure "
               "putin_congratulated, the Kremlin readout of 16 August and the timeline event of 27 August. Drop "
               "every option that a record contradicts."]),
    Question(
        qid="q6.10", kind="ordering", skill="contextualisation", variable="order_2020",
        prompt="Put these events of 2020 in time order, earliest first. Store a list of letters in order_2020.",
        options={"A": "Maria Kalesnikava is seized and tears up her passport",
                 "B": "Valery Tsepkalo leaves for Moscow",
                 "C": "The election commission announces that Lukashenko won",
                 "D": "Putin says a reserve police force for Belarus has been formed",
                 "E": "Lukashenko is sworn in at an unannounced ceremony"},
        expected=lambda: _data.events_in_order(EVENTS),
        feedback={"correct": "Yes: 24 July, 10 August, 27 August, 7 September, 23 September."},
        hints=["The kit's timeline has every event with its date. With code: in a new code cell, type "
               "kit.timeline().",
               "Write the date next to each letter. Several dates are in August and September: look at the day "
               "too.",
               "Worked example (a similar ordering, with three other events of 2020): Tsikhanouskaya leaves for "
               "Lithuania (11 August), Babariko is arrested (18 June), the EU sanctions officials (2 October). "
               "By date, earliest first: 18 June, 11 August, 2 October. Do the same with the five events of this"
               " exercise."]),
    Question(
        qid="q6.11", kind="text", skill="use of evidence", points=sum(c.top for c in ESSAY_RUBRIC),
        prompt=f"Essay or policy memo ({WORDS[0]}-{WORDS[1]} words): Was the column's proposal, that the EU and "
               "Russia mediate together behind the scenes, a good answer to the crisis in Belarus? An essay judges it "
               "first as of 20 August 2020, then with what we know now. A memo to the EU's leaders, dated 20 August "
               "2020, uses only what was known that day and ends with one line: what happened next. Use at least "
               "three facts from the kit's data, and say where each comes from.",
        min_words=WORDS[0],
        rubric=ESSAY_RUBRIC,
        examples=ESSAY_EXAMPLES,
        starters=ESSAY_STARTERS,
        hints=["Start with your answer in one sentence, then give your reasons.",
               "Use the timeline: which facts are from before 20 August 2020, and which are later?",
               "Worked example (the method): read the five scored examples in section 5. For each one, find the "
               "sentence that gives its answer, and underline each fact with its source and date. Then plan yours "
               "the same way: answer, three dated facts, the best argument against, the column as a source, "
               "conclusion."]),
]
