# ruff: noqa: E501  (addresses are cited whole)
"""Apply the sources review (issue 20) to the data tables: run from the repository root, right after `git merge main`.

    .venv/bin/python data/research_notes/sources_review_apply.py

What it does (the reasons for every line are in sources_review.md):
1. replaces or drops the cited pages listed in REPLACE in every *_url column (and the aligned source_title);
2. makes the text edits in EDITS (quotations re-read on the page now cited; facts whose only source was a banned kind);
3. types every row of sources.csv (kind, original_publisher, original_url) from the host table in
   kit/data_package/sourcing.py and the publisher column, adds the new pages (NEW), drops pages no longer cited,
   recomputes `datasets`.
It is idempotent: a second run changes nothing. It never invents a source: every URL it adds was read with the search tool.
"""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from kit.data_package.sourcing import COLUMN, host, host_kind  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
import originals_apply  # noqa: E402

DATA = ROOT / "data"
DEBATE = ("https://debatepolitics.com/threads/w-24-putin-doesn%E2%80%99t-want-to-intervene-in-belarus-that%E2%80%99s-an-"
          "opportunity-for-the-west.414866/")
VESTI = "https://en.vestikavkaza.ru/news/Putin-and-Lukashenko-discuss-situation-in-Belarus.html"
RFERL_POMPEO = "https://staging.rferl.org/a/breaking-pompeo-wants-good-outcome-for-belarusian-people-/30780259.html"
FAKTY = "https://fakty.com.ua/ua/svit/20200810-vybory-u-bilorusi-buly-nevilni-i-nespravedlyvi-pompeo/"
INTERFAX_COPY = "https://ukrainetoday.org/2020/08/15/lukashenko-rejects-foreign-mediation-for-settling-situation-in-belarus/"
RUSTAVI = "https://web1.rustavi2.ge/en/news/215402"
WIKI_ORANGE = "https://en.wikipedia.org/wiki/Orange_revolution"
WIKI_ORANGE_TIMELINE = "https://en.wikipedia.org/wiki/Timeline_of_the_Orange_Revolution"
TASS_ZAKHAROVA = "https://tass.com/politics/1194155"
RADIOFREE = "https://radiofree.org/2020/09/08/were-belarusians-not-a-russian-region-protests-take-aim-at-kremlin"
NOVA_LAVROV = ("https://www.agenzianova.com/a/5f4543a59e20b6.82290534/3074092/2020-08-25/"
               "bielorussia-lavrov-russia-contraria-a-mediazione-osce")
STATE_ANNEX = "https://diplomacy.state.gov/glossary/annexation/"
SIMPLE_ANNEX = "https://simple.m.wikipedia.org/wiki/Annexation"
EUROPA = "https://europa.eu/newsroom/about_the_eu_en"
TASS_EU27 = "https://tass.com/world/1191905"
ENCARTA = "http://encarta.msn.com/dictionary_1861635066/op-ed.html"
DW_2006 = "http://www.dw.com/en/belarus-opposition-figure-seized/a-1943636"
BBC_2006 = "http://news.bbc.co.uk/2/hi/europe/4846316.stm"
IRISH_2006 = "https://irishtimes.com/news/lukashenko-jails-opposition-leader-in-belarus-1.1030251"
MT_SAUER = ("https://www.themoscowtimes.com/2025/07/31/"
            "derk-sauer-moscow-times-founder-and-dutch-media-entrepreneur-dies-at-72-a90055")

# old page -> (new pages, tables it applies to or None for all). An empty list drops the page from the cell.
REPLACE: dict[str, tuple[list[str], tuple[str, ...] | None]] = {
    DEBATE: ([COLUMN], None),
    "https://thetop10news.com/2020/08/16/putin-confirms-readiness-to-help-belarus-based-on-union-state-treaty/": ([VESTI], None),
    "https://sputnikglobe.com/20200813/pompeo-says-us-may-impose-sanctions-on-belarus-as-protests-in-country-continue-1080150424.html": ([RFERL_POMPEO], None),
    "https://www.urdupoint.com/en/world/us-deeply-concerned-over-not-free-and-fair-998027.html": ([FAKTY], ("actors", "option_lenses", "options")),
    "https://www.urdupoint.com/en/world/belaruss-lukashenko-rejects-mediation-offer-1002466.html": ([INTERFAX_COPY], None),
    "https://www.alliansfriheten.se/telephone-conversation-with-president-of-belarus-alexander-lukashenko-en-kremlin-ru/": ([VESTI], None),
    "https://calendarz.com/on-this-day/november/23/rose-revolution": ([RUSTAVI], None),
    "http://www.theinfolist.com/php/SummaryGet.php?FindGo=Orange_Revolution": ([WIKI_ORANGE], None),
    "https://historysnacks.io/event/FcW1s3vT/georgia-s-president-eduard-shevardnadze-resigns-following-the-rose-revolution": ([RUSTAVI], None),
    "https://freetvonline.live/russia-claims-evidence-of-western-interference-in-the-affairs-of-belarus/": ([TASS_ZAKHAROVA], None),
    "https://plawiuk.blogspot.com/2020/09/were-belarusians-not-russian-region.html?m=1": ([RADIOFREE], None),
    "https://pledgetimes.com/the-restrictive-era-how-belarus-got-between-russia-and-the-west/": ([NOVA_LAVROV], ("claims",)),
    "https://www.themoscowtimes.com/rss/news": ([], None),
    "https://www.kevinbloor.com/glossary/annexation/": ([STATE_ANNEX, SIMPLE_ANNEX], None),
    "https://a2zcore.com/tldr/annexation-1753082839643-47c786": ([], None),
    "https://prod.fiveable.me/key-terms/international-organization/european-union": ([EUROPA, TASS_EU27], None),
    "https://crosswordnexus.com/word/EUROPEANUNION": ([], None),
    "http://umichukrainian.blogspot.com/2008/03/maidan-independence-square.html": ([WIKI_ORANGE, WIKI_ORANGE_TIMELINE], None),
    "https://www.wordety.com/word/op-ed": ([ENCARTA], None),
    "https://wikileaks.jcvignoli.com/cable_06MINSK336/?hl=": ([], None),
    "https://wikileaks.jcvignoli.com/cable_06MINSK731/?hl=": ([], None),
    "https://www.wikileaks.org/plusd/cables/06MINSK369_a.html": ([], None),
}
# Copies on student-facing pages replaced by the original found in a second pass
ODIHR_2020 = "https://odihr.osce.org/node/457309"
WIKI_UNION = "https://en.wikipedia.org/wiki/Union_State"
REUTERS_LAVROV = ("https://www.reuters.com/article/us-belarus-election-russia-mediation/russia-says-no-need-for-"
                  "mediation-in-belarus-accuses-foreign-powers-of-meddling-idUSKCN25F17V")
REUTERS_NATO = ("https://www.reuters.com/article/us-belarus-election-nato/nato-denies-belarus-claim-of-military-buildup-"
                "but-watching-situation-idUSKCN25C0GB?utm_source=newsletter&utm_medium=email&utm_campaign=kremlin_watch_"
                "briefing_belarusian_protests_against_europe_s_last_dictator&utm_term=2023-06-07")  # the address as stored
REPLACE.update({
    "https://nationalpost.com/pmn/news-pmn/nato-denies-belarus-claim-of-military-buildup-but-watching-situation": ([REUTERS_NATO], None),
    "https://www.urdupoint.com/en/world/osce-not-sending-monitors-to-belarusian-presi-974959.html": ([ODIHR_2020], None),
    "https://owiki.org/wiki/Union_state": ([WIKI_UNION], None),
    "https://owiki.org/wiki/Orange_Revolution": ([WIKI_ORANGE], ("glossary", "timeline:e009")),  # e010 keeps the copy: its 52%/44% were not re-read on Wikipedia
    "https://www.urdupoint.com/en/world/moscow-concerned-over-foreign-attempts-to-int-1005597.html": ([REUTERS_LAVROV], ("claims:c40",)),
})
# Banned kinds dropped where the row keeps other sources for what it says (checked row by row; see the review).
for _url in [
    "https://pledgetimes.com/the-restrictive-era-how-belarus-got-between-russia-and-the-west/",  # a02 keeps 3 others
    "https://pledgetimes.com/belarusian-opposition-accused-of-threats-to-mps/",
    "https://pledgetimes.com/kiev-saw-a-threat-in-strengthening-cooperation-between-russia-and-belarus/",
    "https://ktelegram.com/belarus-zelensky-called-on-lukashenka-to-find-a-peaceful-and-democratic-exit/71317/",
    "https://modirezard.ir/russian-diplomats-meet-detained-vagner-contractors-in-minsk-jail/",
    "https://www.repressively.com/belarus-eu-imposes-third-round-of-sanctions-over-ongoing-repression-2/",
    "https://ria24.today/news/mid-rf-polsha-neprikryto-vmeshivaetsya-vo/3916617",
    "https://top-news.online/nato-responds-to-lukashenkos-statements/",
    "https://www.breakinglatest.news/world/dissident-belarusian-blogger-roman-protasevich-was-pardoned-after-he-was-sentenced-to-8-years-in-prison-for-his-criticism-of-president-alexander-lukashenko/",
    "https://newscbs.com/lukashenko-is-faced-with-a-real-personal-tragedy-totally-unexpected/",
    "https://de.qwe.wiki/wiki/Valery_Tsepkalo",
    "https://tech-consultingstudies.eu/2020/01/26/u-s-vacuum-how-libya-is-descending-into-a-russia-turkey-proxy-war/",
    "http://www.crosswordpuzzlehelp.net/old/definition/kremlin",
    "https://www.kevinbloor.com/glossary/regime-change/",
    "https://fiveable.me/key-terms/literature-of-journalism/dispatch",
    "https://enow.com/content;_ylt=AwrNP2WI7Lpng1suhSyoCmVH;_ylu=Y29sbwNiZjEEcG9zAzcEdnRpZAMEc2VjA3JlbC1lYXN0?ei=UTF-8&q=maidan+nezalezhnosti+history+in+urdu+full+video+youtube+hours+a+day+for+today&s_it=rs-rhr1",
]:
    REPLACE.setdefault(_url, ([], None))
# outside its scope a replaced page is kept, except these (dropped: the rows keep other sources)
ELSEWHERE_DROP = {"https://pledgetimes.com/the-restrictive-era-how-belarus-got-between-russia-and-the-west/"}
# pages whose full address is long: matched by prefix (the stored address may carry a suffix)
PREFIX_DROP = ("https://washingtondailyreport.com/", "https://urallnews.com/", "https://www.breakinglatest.news/")
PREFIX_REPLACE = {"https://historysnacks.io/": RUSTAVI}
# corrections to rows already listed (read again today)
SOURCE_FIX = {
    VESTI: dict(date="2020-08-16", note="Date inferred from the text ('today' a second call in two days, after the "
                "Kremlin's readout of 15 Aug). The outlet's own English report quoting the Kremlin press service: a "
                "copy of the Kremlin's readout of 16 Aug 2020. No original was within reach: kremlin.ru's page for "
                "that day is not in the stored pages.", kind="copy", original_publisher="The Kremlin (press service)"),
    FAKTY: dict(date="2020-08-10", note="Date from the address and the embedded tweet (@SecPompeo, 10 Aug 2020), "
                "whose English text the kit quotes word for word; the State Department's own statement page was not "
                "in the stored pages."),
}

# (table, row id, column, old text, new text): quotations re-read on the page now cited, and facts that rested only
# on a banned kind. Each old text must be found once, or the edit is reported and skipped (never guessed).
EDITS = [
    ("actors", "usa", "stated_position",
     "Secretary of State Pompeo, 10 Aug: 'The United States is deeply concerned about the conduct of the August 9 "
     "presidential election in Belarus, which was not free and fair.' On 12 Aug he said sanctions were among the steps "
     "the US would consider, 'in a multilateral way'.",
     "Secretary of State Pompeo, on Twitter, 10 Aug: 'The conduct of the August 9 presidential elections in Belarus is "
     "deeply concerning. They were not free or fair.' On 12 Aug, in an interview with RFE/RL, he said the US had not yet "
     "settled on a response and would work with its European partners: 'we want good outcomes for the Belarusian "
     "people, and we'll take actions consistent with that.'"),
    ("actors", "lukashenko", "stated_position",
     "Lukashenko, quoted by the state news agency BelTA: 'We have a normal government that was created in line with "
     "the constitution. We don't need a foreign government or mediators.' 'We will not give the country away,' he said, "
     "adding that the authorities would stay in control of the situation.",
     "Lukashenko, quoted by the state news agency BelTA (in Interfax's English): 'we have a normal government created "
     "under the Constitution. We don't need any foreign governments or mediators.' 'We will not give our country away "
     "to anyone. We will keep the situation [under control].'"),
    ("actors", "russia", "stated_position",
     "on 16 Aug Russia 'confirmed readiness to provide necessary assistance' under the Union State treaty 'and also if "
     "needed' through the CSTO, noting 'external pressure' on Belarus.",
     "on 16 Aug 'the Russian side reaffirmed its readiness to provide the necessary assistance' on the basis of the "
     "Union State treaty, 'as well as, if necessary, through the Collective Security Treaty Organization', 'taking into "
     "account the pressure exerted on the Republic from outside'."),
    ("option_lenses", ("lukashenko", "o11"), "rationale",
     "'We will not give the country away'", "'We will not give our country away to anyone'"),
    ("option_lenses", ("usa", "o05"), "rationale",
     "EU sanctions fit what Pompeo said on 12 Aug: steps taken 'in a multilateral way'.",
     "EU sanctions fit what Pompeo said on 12 Aug: the US would work with its European partners on a response."),
    ("option_lenses", ("usa", "o08"), "rationale",
     "On 12 Aug Pompeo said sanctions were among the steps the US would look at with partners.",
     "On 12 Aug Pompeo said the US had not yet settled on a response and would work with its European partners."),
    ("option_lenses", ("usa", "o12"), "rationale", "'not free and fair'", "'not free or fair'"),
    ("claims", "c47", "evidence", " Lavrov questioned the goals of the opposition’s Coordination Council.", ""),
    ("claims", "c50", "evidence",
     "At the time, Russian officials told Izvestia they were ready to listen to the OSCE about Belarus but not to the EU.",
     "On 25 August 2020 Lavrov said Moscow did not think outside mediators could be imposed, 'be it the OSCE, the EU or "
     "any neighbouring country' (Agenzia Nova; the kit's translation)."),
    ("claims", "c52", "evidence",
     "Russian diplomats said at the time they would listen to the OSCE but not the EU.",
     "On 25 August 2020 Lavrov rejected outside mediators, 'be it the OSCE, the EU or any neighbouring country' "
     "(Agenzia Nova; the kit's translation)."),
    ("timeline", "e017", "description",
     "Police blocked about 7,000 protesters from October Square. Kozulin led a march to a detention centre; riot police "
     "broke it up with stun grenades and arrested at least 100 people, including Kozulin.",
     "About 7,000 people rallied after police kept them off October Square. Kozulin led a march to a detention centre; "
     "riot police broke it up and arrested Kozulin. The interior ministry said 52 people were arrested that day; rights "
     "groups said the true figure was much higher."),
    ("timeline", "e017", "note",
     "'About 7,000' and 'at least 100' are US Embassy estimates (leaked cable); DW (citing AFP) also reports a rally of "
     "around 7,000.",
     "DW (citing AFP) reports a rally of around 7,000; BBC News gives the interior ministry's 52 arrests and the rights "
     "groups' doubt."),
    ("protests", "2006-march_25_protest_size-1", "text",
     "US embassy estimate: about 7,000 protesters; Grani.ru: about 10,000",
     "DW (citing AFP): around 7,000 protesters; Grani.ru: about 10,000"),
    ("protests", "2006-deaths-1", "text", ", and a source told the US embassy he was alive", ""),
    ("protests", "2006-torture_reports-1", "text",
     ". A former Polish ambassador, Mariusz Maszkiewicz, was arrested on 24 March and was still in hospital a week later",
     ""),
    ("protests", "2006-security_forces_used-1", "text",
     "on 25 March they broke up Kozulin's march with smoke and percussion (stun) grenades, batons and gas",
     "on 25 March they broke up Kozulin's march with batons, gas and noise grenades"),
    ("protests", "2006-security_forces_used-1", "note",
     "the US Embassy cable and Viasna describe the 25 March dispersal.", "Viasna describes the 25 March dispersal."),
]
# extra pages for rows that lost a cable (facts kept, now on published sources)
ADD = [("protests", "2006-march_25_protest_size-1", DW_2006), ("timeline", "e017", BBC_2006),
       ("protests", "2006-fate_other_leaders-1", IRISH_2006)]

NEW = {  # every page below was read with the search tool (corpus `pages`) on 4 Dec 2026
    VESTI: None,  # already listed
    RFERL_POMPEO: dict(title="Pompeo Wants 'Good Outcome' For Belarusian People", publisher="RFE/RL",
                       date="2020-08-12", type="news report", kind="original", original_publisher="RFE/RL",
                       note="RFE/RL's own report of its interview with Pompeo in Prague on 12 Aug 2020 (read on its "
                            "staging host). Title from the address."),
    INTERFAX_COPY: dict(title="Lukashenko rejects foreign mediation for settling situation in Belarus",
                        publisher="Ukraine Today (copy of an Interfax report)", date="2020-08-15", type="news report",
                        kind="copy", original_publisher="Interfax (quoting BelTA)",
                        note="A copy credited '(c) Interfax'. No original was within reach: neither Interfax's own page "
                             "nor BelTA's English text of 15 Aug 2020 is in the stored pages."),
    RUSTAVI: dict(title="18 years have passed since the Rose Revolution", publisher="Rustavi 2", date="2022-12-06",
                  type="news report", kind="original", original_publisher="Rustavi 2",
                  note="Georgian broadcaster's own page: Shevardnadze resigned on 23 November 2003; protests 3-23 Nov 2003."),
    WIKI_ORANGE: dict(title="Orange Revolution", publisher="Wikipedia", date="", type="encyclopaedia",
                      kind="original", original_publisher="Wikipedia",
                      note="Dates 22 November 2004 - 23 January 2005; Independence Square, Kyiv."),
    WIKI_ORANGE_TIMELINE: dict(title="Timeline of the Orange Revolution", publisher="Wikipedia", date="",
                               type="encyclopaedia", kind="original", original_publisher="Wikipedia",
                               note="Protesters gathered in Independence Square in Kyiv from 21 November 2004."),
    TASS_ZAKHAROVA: dict(title="Russian Foreign Ministry sees Western interference in Belarus (headline not shown)",
                         publisher="TASS", date="2020-08-26", type="news report", kind="wire",
                         original_publisher="TASS", note="Zakharova on Rossiya-1, 26 Aug 2020. Descriptive title."),
    RADIOFREE: dict(title="'We're Belarusians, Not A Russian Region': Protests Take Aim At Kremlin",
                    publisher="radiofree.org (repost of RFE/RL)", date="2020-09-08", type="news report", kind="copy",
                    original_publisher="RFE/RL",
                    note="No original was within reach: RFE/RL's own page is not in the stored pages; this repost "
                         "carries its full text."),
    NOVA_LAVROV: dict(title="Bielorussia: Lavrov, Russia contraria a mediazione Osce", publisher="Agenzia Nova",
                      date="2020-08-25", type="news report", kind="wire", original_publisher="Agenzia Nova",
                      note="Italian; the kit translates. Lavrov after meeting Biegun, 25 Aug 2020. Title from the address."),
    STATE_ANNEX: dict(title="Annexation", publisher="U.S. Department of State (Diplomacy: glossary)", date="",
                      type="encyclopaedia", kind="official", original_publisher="U.S. Department of State", note=""),
    SIMPLE_ANNEX: dict(title="Annexation", publisher="Simple English Wikipedia", date="", type="encyclopaedia",
                       kind="original", original_publisher="Wikipedia", note=""),
    EUROPA: dict(title="About the EU", publisher="European Union (europa.eu)", date="", type="official statement",
                 kind="official", original_publisher="European Union",
                 note="Institutions; the page still gives 28 members (before the UK left), so the number 27 rests on TASS."),
    TASS_EU27: None,  # already listed
    ENCARTA: dict(title="op-ed", publisher="MSN Encarta Dictionary", date="", type="encyclopaedia", kind="original",
                  original_publisher="Encarta (Microsoft)", note="Dictionary entry (an archived page of a closed dictionary)."),
    ODIHR_2020: dict(title="ODIHR will not deploy election observation mission to Belarus due to lack of invitation",
                     publisher="OSCE Office for Democratic Institutions and Human Rights", date="2020-07-15",
                     type="official statement", kind="official", original_publisher="OSCE/ODIHR",
                     note="Press release, Warsaw, 15 July 2020: the original of what Sputnik (via UrduPoint) reported."),
    WIKI_UNION: dict(title="Union State", publisher="Wikipedia", date="", type="encyclopaedia", kind="original",
                     original_publisher="Wikipedia", note="Replaces a mirror (owiki) of the same article."),
    REUTERS_LAVROV: dict(title="Russia says no need for mediation in Belarus, accuses foreign powers of meddling",
                         publisher="Reuters", date="2020-08-19", type="news report", kind="wire",
                         original_publisher="Reuters", note="Lavrov, 19 Aug 2020, as reported by TASS and Interfax."),
    REUTERS_NATO: dict(title="NATO denies Belarus claim of military buildup, but watching situation", publisher="Reuters",
                       date="2020-08-16", type="news report", kind="wire", original_publisher="Reuters",
                       note="Reuters's own page (the address as stored carries a newsletter's tracking suffix); the "
                            "National Post printed the same text. Date from the text ('on Sunday', 16 Aug 2020)."),
    DW_2006: None, BBC_2006: dict(title="EU demands Belarus leader freed", publisher="BBC News", date="2006-03-26",
                                  type="news report", kind="original", original_publisher="BBC News", note=""),
    IRISH_2006: None,
}
# pages other helpers asked to have listed (requests.md, unitdata 13:15)
REQUESTED = {
    "https://www.ibtimes.co.uk/ukraine-crisis-full-text-eu-brokered-agreement-1437438": dict(
        title="Ukraine crisis: Full text of EU-brokered agreement", publisher="IBTimes UK (text as posted by the German "
        "foreign ministry)", date="2014-02-21", type="news report", kind="copy",
        original_publisher="German Federal Foreign Office", note="A copy of an official text."),
    "https://tass.com/defense/1639345": dict(title="Putin: the state fully financed the Wagner group (headline not shown)",
                                             publisher="TASS", date="2023-06-27", type="news report", kind="wire",
                                             original_publisher="TASS", note="Descriptive title."),
    "https://gna.org.gh/2020/07/russias-wagner-paramilitary-group-implicated-in-ukraine-syria": dict(
        title="Russia's Wagner paramilitary group implicated in Ukraine, Syria", publisher="Ghana News Agency (dpa)",
        date="2020-07-31", type="news report", kind="copy", original_publisher="dpa", note=""),
}
REQUESTED.update({
    "http://president.gov.by/en/news_en/view/meeting-with-members-of-security-council-24344/": dict(  # frame, d7
        title="Meeting with members of Security Council", publisher="Press Service of the President of the Republic of "
        "Belarus", date="2020-08-18", type="official statement", kind="official",
        original_publisher="Press Service of the President of the Republic of Belarus",
        note="New document d7, read with the search tool by frame."),
    "https://europediplomatic.com/2020/02/17/eu-prolongs-belarus-arms-embargo/": dict(  # unitdata, a11
        title="EU prolongs Belarus arms embargo", publisher="Europe Diplomatic (text of a Council of the EU press "
        "release)", date="2020-02-17", type="news report", kind="copy", original_publisher="Council of the EU",
        note="Reprints the Council's press release of 17 Feb 2020 (prolonged until 28 February 2021; four people "
             "listed since 2004). Title from the address."),
})
WAPO_LETTER = ("https://www.washingtonpost.com/opinions/letters-to-the-editor/putin-will-never-permit-truly-democratic-"
               "regime-change-in-belarus/2020/08/20/97517aa4-e0ad-11ea-82d8-5e55d47e90ca_story.html")
SOURCE_FIX[WAPO_LETTER] = dict(publisher="The Washington Post (letter to the editor by a reader in Springfield)",
                               original_publisher="The Washington Post")
# notes added to sources that stay on student-facing pages as copies (the search found no original)
NO_ORIGINAL = {
    "https://www.wired-gov.net/wg/news.nsf/articles/Conclusions+by+the+President+of+the+European+Council+following+the+video+conference+of+the+members+of+the+European+Council+on+19+August+2020+20082020152500?open":
        "No original was within reach: consilium.europa.eu's page for 19 Aug 2020 is not in the stored pages; the text "
        "was re-read word for word against this copy.",
    VESTI: "",
}
BACKLOG = "Original not yet sought (issue 20 backlog)."


def is_url_column(column: str) -> bool:
    return (column.endswith("url") or column.endswith("_sources")) and column != "link_url"


def split(cell) -> list[str]:
    return str(cell).split() if isinstance(cell, str) and cell.strip() else []


_ENDINGS: dict[str, str] = {}


def read(name: str) -> pd.DataFrame:
    """Every cell as text, read with the csv module so that a rewrite changes only the cells edited."""
    raw = open(DATA / f"{name}.csv", encoding="utf-8", newline="").read()
    _ENDINGS[name] = "\r\n" if raw.split("\n", 1)[0].endswith("\r") else "\n"
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    return pd.DataFrame(rows[1:], columns=rows[0], dtype=str)


def write(name: str, frame: pd.DataFrame) -> None:
    with open(DATA / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator=_ENDINGS.get(name, "\n"))
        w.writerow(list(frame.columns))
        w.writerows(frame.astype(str).values.tolist())


def key_of(frame: pd.DataFrame, row_id) -> pd.Series:
    if isinstance(row_id, tuple):
        mask = pd.Series(True, index=frame.index)
        for col, val in zip(frame.columns, row_id):
            mask &= frame[col] == val
        return mask
    return frame.iloc[:, 0] == row_id


def apply_tables(titles: dict[str, str]) -> list[str]:
    log = []
    for path in sorted(DATA.glob("*.csv")):
        name = path.stem
        if name == "sources":
            continue
        frame = read(name)
        changed = False
        url_columns = [c for c in frame.columns if is_url_column(c)]
        for col in url_columns:
            title_col = "source_title" if col == "source_url" and "source_title" in frame.columns else None
            for i in frame.index:
                urls = split(frame.at[i, col])
                new: list[str] = []
                for u in urls:
                    scoped = originals_apply.rule_for(SCOPED, u, name, frame, i)
                    if scoped is not None:
                        new += scoped
                        continue
                    rule = REPLACE.get(u)
                    if rule and (rule[1] is None or name in rule[1] or f"{name}:{frame.iat[i, 0]}" in rule[1]):
                        new += rule[0]
                    elif u in ELSEWHERE_DROP or u.startswith(PREFIX_DROP):
                        continue
                    elif u.startswith(tuple(PREFIX_REPLACE)):
                        new.append(next(v for k, v in PREFIX_REPLACE.items() if u.startswith(k)))
                    else:
                        new.append(u)
                new = list(dict.fromkeys(new))
                if new != urls:
                    frame.at[i, col] = " ".join(new)
                    changed = True
                    log.append(f"{name}:{frame.iat[i, 0]}:{col}: {len(urls)} -> {len(new)} pages")
                    if title_col:
                        frame.at[i, title_col] = " | ".join(titles.get(u, u) for u in new)
        for table, row_id, url in ADD:
            if table != name:
                continue
            for i in frame.index[key_of(frame, row_id)]:
                urls = split(frame.at[i, "source_url"])
                if url not in urls:
                    frame.at[i, "source_url"] = " ".join(urls + [url])
                    frame.at[i, "source_title"] = " | ".join(titles.get(u, u) for u in urls + [url])
                    changed = True
        for table, row_id, col, old, new_text in EDITS:
            if table != name or col not in frame.columns:
                continue
            rows = frame.index[key_of(frame, row_id)]
            for i in rows:
                cell = frame.at[i, col]
                if old in cell:
                    frame.at[i, col] = cell.replace(old, new_text)
                    changed = True
                    log.append(f"edit {name}:{row_id}:{col}")
                elif not (new_text and new_text in cell):
                    log.append(f"NOT FOUND (already applied, or changed by someone else): {name}:{row_id}:{col}")
            if not len(rows):
                log.append(f"NO ROW {name}:{row_id}")
        if changed:
            write(name, frame)
    return log


def cited() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in sorted(DATA.glob("*.csv")):
        if path.stem == "sources":
            continue
        frame = read(path.stem)
        for col in [c for c in frame.columns if is_url_column(c)]:
            for cell in frame[col]:
                for u in split(cell):
                    out.setdefault(u, set()).add(path.stem)
    return out


AGENCY = (r"AP|Associated Press|AP Worldstream|Reuters|AFP|APP|APP/AFP|Sputnik|dpa|EFE|PAP|ANP|BNS|Anadolu Agency|"
          r"PTI/AFP wire|Bloomberg|Xinhua|AP, AFP|Reuters-based|AP/CNN-based|RFE/RL|Meduza|TUT\.BY|Prensa Latina|NNA|"
          r"RIA Novosti|Izvestia|TASS|Interfax-West|Current Time|CNN")
ORIGINAL_HOSTS = {"svaboda.org", "en.currenttime.tv", "mb6k2s.c97.org"}  # RFE/RL's and Charter 97's own sites
FIX = {"agency not named in excerpt": "a news agency (not named on the page)",
       "data.minsk.by, reposted news agency": "a news agency (not named on the page)",
       "agency": "a news agency (not named on the page)",
       "March 2006 news": "a March 2006 news report (outlet not named on the page)",
       "James Shotter": "Financial Times (James Shotter)", "apparent repost of a Le Monde": "Le Monde (apparently)",
       "quoting American Heritage Dictionary": "American Heritage Dictionary", "Reuters-based": "Reuters",
       "AP/CNN-based": "AP, CNN", "repost": "RFE/RL", "RFE/RL, Tony Wesolowsky": "RFE/RL (Tony Wesolowsky)",
       "RFE/RL text by Michael Scollon": "RFE/RL (Michael Scollon)", "English": "Associated Press",
       "WOW.com content network": "Wikipedia", "another outlet's": "another outlet (not named on the page)",
       "reference dictionary entry": "a reference dictionary (not named on the page)",
       "document repost": "see the title and note"}


def classify(url: str, pub: str, typ: str) -> tuple[str, str]:
    """The kind of page and whose text it is, from the host table and the publisher column."""
    if url == COLUMN:
        return "original", "The Moscow Times"
    if host(url) in ORIGINAL_HOSTS:
        return "original", pub
    kind = host_kind(url)
    orig = ""
    m = re.match(r"^(.*?)\s*\((?:via|reposted by|repost on|copy on|copy hosted on|mirror on|republished by|"
                 r"reposted on)\b.*\)\s*$", pub)
    m2 = re.match(r"^(.*?),\s*reposted by", pub)
    if m:
        orig, kind = m.group(1), kind or "copy"
    elif m2:
        orig, kind = m2.group(1), kind or "copy"
    elif typ == "repost":
        kind = "copy"
    elif re.search(r"\((" + AGENCY + r")( text| wire)?\)", pub) or re.search(r"(" + AGENCY + r") text\b", pub):
        kind = kind or "copy"
    if kind == "copy" and not orig:
        inner = re.search(r"\(([^()]*)\)", pub)
        inner = inner.group(1) if inner else ""
        if re.search(r"wikipedia", pub, re.I) or "wiki" in host(url):
            orig = "Wikipedia"
        elif inner:
            mm = re.match(r"(?:an? )?(?:repost of|copy of|translation of|translates|rewritten|excerpt of|based on|"
                          r"reposted|citing)?\s*(?:an? |the )?(.*?)(?: text| wire| report| press release| material|"
                          r" translation| investigation| opinion column| article| interview| paper by .*)?$", inner)
            orig = mm.group(1)
        orig = FIX.get(orig, orig) or "not named on the page"
    kind = kind or "original"
    if kind != "copy":
        orig = re.sub(r"\s*\(.*\)$", "", pub) if kind in ("wire", "official") else pub
    return kind, FIX.get(orig, orig)


def apply_sources(used: dict[str, set[str]], student: set[str]) -> list[str]:
    s = read("sources")
    for col in ("kind", "original_publisher", "original_url"):
        if col not in s.columns:
            s[col] = ""
    listed = set(s["url"])
    rows = []
    for url, rec in {**NEW, **REQUESTED}.items():
        if rec and url not in listed:
            rows.append(dict(url=url, datasets="", original_url=rec.pop("original_url", ""), **rec))
    if COLUMN not in listed:
        rows.append(dict(url=COLUMN, title="Putin Doesn't Want to Intervene in Belarus. That's an Opportunity for the "
                                            "West.", publisher="The Moscow Times (opinion; author inferred: Anna Arutunyan)",
                         date="2020-08-16", type="opinion", datasets="", kind="original",
                         original_publisher="The Moscow Times", original_url="",
                         note="The column itself, cited by its publisher. The kit's text is article/column_raw.txt; "
                              "where it was read (a forum copy) and what is certain about it: article/metadata.json. "
                              "Its Moscow Times address was not found, so none is given."))
    if rows:
        s = pd.concat([s, pd.DataFrame(rows)], ignore_index=True).fillna("")
    log = []
    keep = []
    for i in s.index:
        url = s.at[i, "url"]
        if url not in used:
            log.append(f"dropped from sources.csv (no longer cited): {url}")
            continue
        keep.append(i)
        if not s.at[i, "kind"]:
            s.at[i, "kind"], s.at[i, "original_publisher"] = classify(url, s.at[i, "publisher"], s.at[i, "type"])
        for col, value in SOURCE_FIX.get(url, {}).items():
            s.at[i, col] = value
        s.at[i, "datasets"] = " ".join(sorted(used[url]))
        note = s.at[i, "note"]
        if url in NO_ORIGINAL and NO_ORIGINAL[url] and NO_ORIGINAL[url] not in note:
            note = (note + " " + NO_ORIGINAL[url]).strip()
        if "no original was within reach" in note.lower():
            note = " ".join(note.replace(BACKLOG, "").split())
        if (s.at[i, "kind"] == "copy" and used[url] & student and "no original was within reach" not in note.lower()
                and BACKLOG not in note):
            note = (note + " " + BACKLOG).strip()
        s.at[i, "note"] = note
    s = s.loc[keep].sort_values("url", key=lambda c: c.str.lower()).reset_index(drop=True)
    cols = ["url", "title", "publisher", "date", "type", "kind", "original_publisher", "original_url", "datasets", "note"]
    write("sources", s[cols])
    return log


SCOPED: dict[str, list] = {}  # the originals pass (originals_apply.py): old page -> [(new pages, rows)]


def load_originals() -> list[str]:
    rules, edits, new, log = originals_apply.load(read)
    SCOPED.update(rules)
    EDITS.extend(e for e in edits if e not in EDITS)
    for url, rec in new.items():
        NEW.setdefault(url, rec)
    for url in originals_apply.sought_in_vain():
        NO_ORIGINAL.setdefault(url, SOUGHT)
    return log


SOUGHT = ("No original was within reach: sought in two passes on 4 Dec 2026 (the searches are in "
          "research_notes/originals_found.csv).")


def main() -> None:
    from kit.data_package.sourcing import STUDENT_FACING
    originals_log = load_originals()
    s = read("sources")
    titles = dict(zip(s["url"], s["title"]))
    for url, rec in {**NEW, **REQUESTED}.items():
        if rec:
            titles.setdefault(url, rec["title"])
    titles[COLUMN] = "The Moscow Times, 16 Aug 2020: Putin Doesn't Want to Intervene in Belarus. That's an Opportunity for the West."
    log = apply_tables(titles)
    for md in ("background.md",):  # URL-only edits in the background's source list
        path = DATA / md
        text = path.read_text(encoding="utf-8")
        for old, (new, scope) in REPLACE.items():
            if old in text and new and scope is None:
                text = text.replace(old, new[0])
                log.append(f"{md}: {old} -> {new[0]}")
        path.write_text(text, encoding="utf-8")
    used = cited()  # the tables only: sources.csv lists exactly the pages the tables cite
    log += apply_sources(used, set(STUDENT_FACING))
    print("\n".join(originals_log + log))


if __name__ == "__main__":
    main()
