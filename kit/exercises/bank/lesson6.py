"""Lesson 6: the knowledge check (the basic facts of 2020) and the summative essay.

Every answer is in the kit's data: kit.timeline(), kit.protests(), kit.actors(), kit.aftermath().
The hints say where to look, so a student who does not remember can find it (the skill is the same).
"""
from ...data_package import tables
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


ESSAY_RUBRIC = [
    "answers the question with a clear position in the first paragraph",
    "uses at least three facts from the kit's data, each with who said it or where it comes from",
    "keeps apart what was known on 20 August 2020 and what happened later",
    "weighs at least one argument against its own position, fairly",
    "judges the column as a source (an opinion column, its author and her evidence)",
    "ends with a conclusion that follows from the evidence",
]

ESSAY_EXAMPLES = [
    "Above the standard (6 of 6 criteria, 12 of 12 points): "
    "As of 20 August 2020 the column's proposal was reasonable, but it rested on one hope that did not come "
    "true. What was known then supported it. The Kremlin's first readout mentioned no aid (15 August), and its "
    "spokesman said on 19 August that Russia saw 'no such need' to help. EU leaders said the same day that the "
    "election was 'neither free nor fair' and called for a national dialogue. So both sides wanted talks, not "
    "war. Against this, Moscow had promised help under the CSTO 'if needed' (16 August), so it was not "
    "neutral. The author reported from Belarus in 2006, but this is an opinion column: she argues for a "
    "plan and gives little evidence that Moscow would accept it. With hindsight, Putin said a police reserve had been "
    "formed (27 August) and agreed to lend Minsk $1.5 billion (14 September), and the kit found no report of joint "
    "mediation. So the idea was fair on 20 August, but its key assumption, a neutral Moscow, was weak even then.",
    "At the standard (4 of 6 criteria, 8 of 12 points): "
    "I think the column's idea was good but it did not work. On 19 August the EU said the election was "
    "'neither free nor fair' and wanted a dialogue. Russia said it would help Lukashenko under the CSTO if "
    "needed (16 August). Later Putin agreed to lend Belarus $1.5 billion, so Russia chose Lukashenko and did not work with "
    "the EU. Some people would say the EU and Russia could never agree, and that is true because they did not "
    "trust each other. The column is an opinion, so the author wants to convince us. In the end the idea "
    "failed because Moscow backed Lukashenko.",
    "Below the standard (1 of 6 criteria, 2 of 12 points): "
    "The column was wrong because Lukashenko is still in power. Russia helped him. "
    "The EU should have done more. Mediation never works with dictators.",
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
        misconceptions={"B": "confuses a barred would-be candidate with the candidate on the ballot",
                        "C": "confuses a barred would-be candidate with the candidate on the ballot",
                        "D": "confuses a campaign leader with the candidate"},
        feedback={"correct": "Yes. She ran after her husband, the blogger Siarhei Tsikhanouski, was arrested.",
                  "B": "Babariko was arrested in June and refused registration: he was not on the ballot.",
                  "C": "Tsepkalo was refused registration on 14 July and left for Russia.",
                  "D": "Kalesnikava was part of Babariko's campaign and joined the united campaign, but she "
                             "did not run."},
        hints=["Look for the measure 'Main challenger' in kit.protests() (year 2020).",
               "Three campaigns united behind one woman on 16 July (kit.timeline()).",
               "Worked example (the method): kit.compare(\"main_challenger\") has one row per year; read the "
               "2020 row. Then check in the timeline that this person was registered and on the ballot, not "
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
        hints=["kit.timeline() has events from 29 May to 24 July 2020 about each of them.",
               "Babariko ran a bank; Tsepkalo's wife joined the united campaign; Tsikhanouski was a blogger.",
               "Worked example (another person, not in this list): Maria Kalesnikava was part of Babariko's "
               "campaign and joined the united campaign on 16 July, but she was not a candidate. An option about a campaign "
               "leader would go with her. Find each person's events in the timeline the same way."]),
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
        misconceptions={"=10.12": "reads the challenger's row", "=9.9": "reads the challenger's row",
                        "=56": "mixes up the official result and an independent estimate"},
        hints=["The measure is called \"incumbent_share_official\" in kit.protests().",
               "Keep the row for 2020 and read its value column.",
               "Worked example (a similar task): kit.compare(\"main_challenger_share_official\") shows the "
               "challenger's official share in each year; read its 2020 row. Do the same with Lukashenko's measure."]),
    Question(
        qid="q6.4", kind="choice", skill="contextualisation", variable="result_disputed",
        prompt="How was the official result disputed?",
        options={"A": "Tsikhanouskaya rejected it, and EU leaders said the election was 'neither free nor fair' "
                      "and did not recognise the results",
                 "B": "Nobody disputed it: all foreign governments congratulated Lukashenko",
                 "C": "The election commission itself corrected it a week later",
                 "D": "Only Russia disputed it"},
        expected="A",
        misconceptions={"B": "takes congratulations from some leaders for general acceptance",
                        "C": "confuses a preliminary and a final count with a correction",
                        "D": "confuses Moscow's support for Lukashenko with a dispute"},
        feedback={"correct": "Yes. Independent groups also reconstructed a very different result; their "
                             "estimate is in kit.compare(\"independent_result_estimate\").",
                  "B": "Putin and Xi Jinping congratulated him, but the EU did not recognise the results.",
                  "C": "The commission's final figure was close to its first one; the dispute came from others.",
                  "D": "Putin congratulated Lukashenko on 10 August. Who rejected the result?"},
        hints=["Look at the timeline for 10-19 August 2020.",
               "kit.compare(\"eu_verdict_on_election\") shows what the EU said.",
               "Worked example (the method): for each option, look for a dated record that shows it. "
               "kit.compare(\"eu_verdict_on_election\") gives the EU's words of 19 August; kit.compare(\"putin_congratulated\") "
               "shows whether Putin congratulated Lukashenko. Keep the option those records support."]),
    Question(
        qid="q6.5", kind="choice", skill="contextualisation", variable="internet",
        prompt="What happened to the internet in Belarus after the election?",
        options={"A": "It was blocked across the country from election day for about three days; Lukashenko "
                      "said it was being turned off 'from abroad'",
                 "B": "Nothing: the internet worked normally",
                 "C": "The EU switched it off to help the protesters",
                 "D": "It was blocked for the whole of the autumn without a break"},
        expected="A",
        misconceptions={"B": "does not know about the shutdown",
                        "C": "takes an official explanation for a fact",
                        "D": "exaggerates: access came back on 12 August, with later restrictions on protest days"},
        feedback={"correct": "Yes. Independent observers found deliberate blocking; Lukashenko's 'from abroad' "
                             "is an official claim. Mobile internet was cut again on later protest days.",
                  "B": "Look at the measure 'Internet shutdown' for 2020.",
                  "C": "That was not reported by any source in the kit. Who made the 'from abroad' claim?",
                  "D": "Access was partly restored on 12 August; later cuts were on protest days."},
        hints=["kit.compare(\"internet_shutdown\") has rows for 2006 and 2020.",
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
        misconceptions={"B": "misses the strikes, one of the big differences from 2006",
                        "C": "confuses the strikes with Russia's promised help",
                        "D": "thinks only young people protested"},
        feedback={"correct": "Yes: from 13-14 August. The kit has no record of strikes in 2006.",
                  "B": "Look at the measure 'Strikes' in kit.protests().",
                  "C": "No source in the kit reports that.",
                  "D": "Students protested, but the strikes in the data are at factories."},
        hints=["kit.compare(\"strikes\") shows the rows.",
               "Which workplaces does the text name?",
               "Worked example (the method): read the 2020 text in kit.compare(\"strikes\"), note what kind of "
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
        misconceptions={"=33000": "reads the year's total instead of the first days",
                        "=27000": "reads the year's total instead of the first days"},
        hints=["The measure is \"detentions_first_days\" in kit.protests().",
               "Keep the 2020 row and read its value.",
               "Worked example (a similar task): kit.compare(\"detentions_total\") shows the counts for the "
               "whole year, with who counted each (the number is in value, low or high). Do the same with "
               "detentions_first_days and read the Interior Ministry's 2020 row."]),
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
        hints=["kit.timeline() has events for each of them between July 2020 and July 2021.",
               "Two women, two men. Who stayed in Belarus and who left?",
               "Worked example (another person, not in this list): the blogger Siarhei Tsikhanouski was arrested in "
               "Grodno on 29 May 2020 and sentenced to 18 years in December 2021. An option about prison would go "
               "with him. Find each person's events in the timeline the same way."]),
    Question(
        qid="q6.9", kind="choice", skill="contextualisation", variable="moscow_response",
        prompt="How did Moscow respond in August and September 2020?",
        options={"A": "Putin congratulated Lukashenko, promised help under the Union State treaty and, if "
                      "needed, the CSTO, and said a police reserve had been formed",
                 "B": "Russian troops entered Minsk to end the protests",
                 "C": "Moscow refused to recognise the result",
                 "D": "Moscow joined the EU in calling for a new election"},
        expected="A",
        misconceptions={"B": "takes a promise and a reserve for an intervention that did not happen",
                        "C": "confuses Moscow's position with the EU's",
                        "D": "confuses the column's proposal with what happened"},
        feedback={"correct": "Yes. In September Putin also agreed a $1.5 billion loan. Moscow backed Lukashenko "
                             "with words, a police reserve and money.",
                  "B": "Putin said the reserve would be used only if the situation 'gets out of control'. No "
                             "source in the kit reports Russian forces entering Minsk.",
                  "C": "Putin congratulated Lukashenko on 10 August.",
                  "D": "That is close to what the column proposed, not what Moscow did."},
        hints=["kit.compare(\"russia_reaction\") and the timeline for 15-27 August 2020.",
               "Did Moscow congratulate Lukashenko or not?",
               "Worked example (the method): test each option against a dated record: "
               "kit.compare(\"putin_congratulated\"), the Kremlin readout of 16 August and the timeline event "
               "of 27 August. Drop every option "
               "that a record contradicts."]),
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
        hints=["kit.timeline() has every event with its date.",
               "Write the date next to each letter. Several dates are in August and September: look at the day too.",
               "Worked example (a similar ordering, with three other events of 2020): Tsikhanouskaya leaves for "
               "Lithuania (11 August), Babariko is arrested (18 June), the EU sanctions officials (2 October). By "
               "date, earliest first: 18 June, 11 August, 2 October. Do the same with the five events of this "
               "exercise."]),
    Question(
        qid="q6.11", kind="text", skill="use of evidence", points=12,
        prompt="Essay (or policy memo): Was the column's proposal, that the EU and Russia mediate together "
               "behind the scenes, a good answer to the crisis in Belarus? Judge it first as of 20 August 2020, "
               "then with what we know now. Use at least three facts from the kit's data.",
        min_words=100,
        rubric=ESSAY_RUBRIC,
        examples=ESSAY_EXAMPLES,
        starters=ESSAY_STARTERS,
        hints=["Start with your answer in one sentence, then give your reasons.",
               "Use the timeline: which facts are from before 20 August 2020, and which are later?",
               "Worked example: see the three scored examples in the lesson (below, at and above the standard)."]),
]
