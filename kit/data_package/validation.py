"""Check the whole data package against the Frictionless standard and the kit's own rules.

frictionless does the standard's work (types, constraints, primary and foreign keys); this module turns
its reports into the kit's DataError (file, row, column, what is wrong) and adds the rules the standard
cannot express: every factual row names a source, and every source is listed in the sources table;
no hindsight: where a resource sets a decision day (``kit:decision_day``), what a row rests on is dated on or
before that day; and the sources are ones a historian would cite (source_rules: few reposts, each naming
its original; no forum, spam site or personal attack blog).
"""
from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

from ..errors import DataError
from .datasets import DataPackage, split_list
from .sourcing import COLUMN


def _frictionless_errors(pkg: DataPackage) -> list[DataError]:
    from frictionless import FrictionlessException, Package, system

    problems: list[DataError] = []
    try:
        with system.use_context(trusted=True):
            package = Package(str(pkg.folder / "datapackage.json"))
            report = package.validate()
    except FrictionlessException as err:
        notes = [e.note for e in (err.reasons or [])] or [err.error.note]
        return [DataError(f"the descriptor is not valid: {n}", file="datapackage.json") for n in notes]
    except Exception as err:  # damage frictionless itself trips on: still a problem, never "valid"
        return [DataError(f"the standard's checks could not run ({type(err).__name__}: {err})",
                          file="datapackage.json")]
    for task in report.tasks:
        label = getattr(task, "place", None) or task.name
        for err in task.errors:
            row = getattr(err, "row_number", None)
            column = getattr(err, "field_name", None)
            problems.append(DataError(
                f"{err.type}: {err.note}", file=str(label),
                row=row - 1 if isinstance(row, int) else None, column=column))
    for err in report.errors:
        problems.append(DataError(f"{err.type}: {err.note}", file="datapackage.json"))
    return problems


def _kit_rules(pkg: DataPackage) -> list[DataError]:
    problems: list[DataError] = []
    frames = {}
    for name in pkg.names():
        try:
            frames[name] = pkg.read(name)
        except DataError as err:
            problems.append(err)
    listed = set(frames["sources"]["url"]) if "sources" in frames else None
    if "sources" in frames:
        problems += source_rules(frames["sources"], pkg.resources["sources"]["path"])
        from .sourcing import validation_hook  # issue 20: banned kinds of site, copies typed and labelled
        problems += validation_hook(pkg, frames)
    for name, frame in frames.items():
        if "source_url" not in frame.columns:
            continue
        path = pkg.resources[name]["path"]
        for i, cell in enumerate(frame["source_url"], start=1):
            urls = split_list(cell)
            if not urls:
                problems.append(DataError("missing source: every factual row must name the page it "
                                          "came from", file=path, row=i, column="source_url"))
            for url in urls:
                if not url.startswith(("http://", "https://")) and url != COLUMN:
                    problems.append(DataError(f"'{url}' is not a web address", file=path, row=i,
                                              column="source_url"))
                elif listed is not None and url not in listed:
                    problems.append(DataError(f"the source {url} is not listed in sources.csv",
                                              file=path, row=i, column="source_url"))
    problems += _decision_day_rules(pkg, frames)
    return problems


def _decision_day_rules(pkg: DataPackage, frames: dict) -> list[DataError]:
    """No hindsight: a row written as of a decision day may rest only on sources dated up to that day.

    A resource opts in with ``"kit:decision_day": {"date": <column>, "sources": [<columns>],
    "dates": [<columns>], "subset_of": <column>}``: every URL in the source columns must be in sources.csv
    with a date on or before the row's decision day (and also be cited in ``subset_of``), and every date
    column must be on or before it too. Rows with no decision day are not checked.
    """
    import pandas as pd
    problems: list[DataError] = []
    sources = frames.get("sources")
    dated = {} if sources is None else dict(zip(sources["url"], sources["date"]))
    for name, frame in frames.items():
        rule = pkg.resources[name].get("kit:decision_day")
        if not rule:
            continue
        path = pkg.resources[name]["path"]
        for i, row in enumerate(frame.to_dict("records"), start=1):
            day = row.get(rule["date"])
            if day is None or pd.isna(day):
                continue
            label = f"{pd.Timestamp(day):%d %b %Y}"
            for column in rule.get("dates", []):
                when = row.get(column)
                if when is None or pd.isna(when):
                    problems.append(DataError(f"{column} is empty, but the row is written as of {label}",
                                              file=path, row=i, column=column))
                elif pd.Timestamp(when) > pd.Timestamp(day):
                    problems.append(DataError(f"hindsight: {pd.Timestamp(when):%d %b %Y} is after the decision "
                                              f"day ({label})", file=path, row=i, column=column))
            cited = set(split_list(row.get(rule["subset_of"]))) if rule.get("subset_of") else None
            for column in rule.get("sources", []):
                urls = split_list(row.get(column))
                if not urls:
                    problems.append(DataError(f"no source: a row written as of {label} must name the pages "
                                              "it rests on", file=path, row=i, column=column))
                for url in urls:
                    when = dated.get(url)
                    if cited is not None and url not in cited:
                        problems.append(DataError(f"{url} is not also cited in {rule['subset_of']}",
                                                  file=path, row=i, column=column))
                    if url not in dated:
                        continue  # the general rule already reports an unlisted source
                    if when is None or pd.isna(when):
                        problems.append(DataError(f"the source {url} has no date in sources.csv, so it cannot "
                                                  f"be shown to predate {label}", file=path, row=i, column=column))
                    elif pd.Timestamp(when) > pd.Timestamp(day):
                        problems.append(DataError(f"hindsight: the source {url} is dated "
                                                  f"{pd.Timestamp(when):%d %b %Y}, after the decision day ({label})",
                                                  file=path, row=i, column=column))
    return problems


def _article_errors(pkg: DataPackage) -> list[DataError]:
    """The column's own files: the raw text parses, the metadata is complete, and paragraphs.csv is
    what ``python -m kit article`` derives from the raw text."""
    from .article import load_article
    try:
        article = load_article(pkg.folder)
    except DataError as err:
        return [err]
    if "paragraphs" not in pkg.resources:
        return []
    label = pkg.resources["paragraphs"]["path"]
    try:
        table = pkg.read("paragraphs")
    except DataError:
        return []  # already reported by the kit's rules
    problems = []
    if len(table) != len(article.paragraphs):
        problems.append(DataError(f"has {len(table)} paragraphs but the column text has "
                                  f"{len(article.paragraphs)}; regenerate it with python -m kit article",
                                  file=label))
    for i, (number, text) in enumerate(zip(table["paragraph"], table["text"]), start=1):
        if article.paragraphs.get(number) != text:
            problems.append(DataError("does not match the column text (article/column_raw.txt); regenerate "
                                      "it with python -m kit article", file=label, row=i, column="text"))
            break
    return problems


# -- sources a historian would cite -----------------------------------------------------------------
#: At most this share of the cited sources may be reposts (copies of another publisher's page).
MAX_REPOST_SHARE = 0.10
#: Kinds of site never shown to students as a source, with the sites of each kind met in this research.
UNACCEPTABLE_SITES = {
    "forum": ("debatepolitics.com", "balkanforum.info", "gforum.tv", "reddit.com", "forum.",
              "commentsripper.com"),
    "spam or content-farm site": ("playcrazygame.com", "tricksfast.com", "commentaryboxsports.com",
                                  "gettotext.com", "5x.news", "kxan36news.com", "globaldomainsnews.com"),
    "personal attack blog": ("russophobe.blogspot.com", "johnhelmer.net"),
}
#: The only allowed exceptions, each with its reason (shown in the message if it is ever misused).
SITE_EXCEPTIONS = {
    "https://debatepolitics.com/threads/w-24-putin-doesn%E2%80%99t-want-to-intervene-in-belarus-that"
    "%E2%80%99s-an-opportunity-for-the-west.414866/":
        "the only full copy of the column found; cited only as a labelled copy of The Moscow Times's column",
}
_NAMES_ORIGINAL = re.compile(r"\(|\bcop(y|ies)\b|repost|mirror|translat|citing|\btext\b", re.I)


def site_kind(url: str) -> str | None:
    """The unacceptable kind of site a URL belongs to, or None."""
    host = (urlsplit(str(url)).hostname or "").lower()
    for kind, sites in UNACCEPTABLE_SITES.items():
        for site in sites:
            if site.endswith(".") and host.startswith(site) or host == site or host.endswith("." + site):
                return kind
    return None


def source_counts(sources) -> dict:
    """Cited sources, reposts among them, and the reposts' share (the closing note reports these)."""
    total = len(sources)
    reposts = int((sources["type"].astype(str) == "repost").sum())
    return {"sources": total, "reposts": reposts, "repost_share": reposts / total if total else 0.0}


def source_rules(sources, path: str = "sources.csv") -> list[DataError]:
    """The sources a historian would cite: reposts below MAX_REPOST_SHARE, every repost naming the
    original it copies, and no source from an unacceptable kind of site (SITE_EXCEPTIONS aside)."""
    problems: list[DataError] = []
    counts = source_counts(sources)
    if counts["repost_share"] >= MAX_REPOST_SHARE:
        problems.append(DataError(
            f"{counts['reposts']} of {counts['sources']} sources are reposts "
            f"({counts['repost_share']:.0%}); keep them below {MAX_REPOST_SHARE:.0%} by citing the "
            "original publisher's page", file=path, column="type"))
    for i, row in enumerate(sources.itertuples(), start=1):
        kind = site_kind(row.url)
        if kind and row.url not in SITE_EXCEPTIONS:
            problems.append(DataError(f"{row.url} is a {kind}: cite the original publisher instead",
                                      file=path, row=i, column="url"))
        if str(row.type) == "repost":
            said = f"{row.publisher if isinstance(row.publisher, str) else ''} " \
                   f"{row.note if isinstance(row.note, str) else ''}"
            if not _NAMES_ORIGINAL.search(said):
                problems.append(DataError("a repost must name the original it copies (in publisher or "
                                          "note)", file=path, row=i, column="note"))
    return problems


def _file_problems(pkg: DataPackage) -> list[DataError]:
    from .datasets import _read_csv, check_regular
    problems = []
    for key in ("profile", "$schema"):  # frictionless would fetch a profile given as a web address
        value = pkg.descriptor.get(key) if isinstance(pkg.descriptor, dict) else None
        if isinstance(value, str) and "://" in value:
            problems.append(DataError(f"'{key}' is a web address ({value[:80]}); the kit reads nothing from the "
                                      "network at run time: remove it", file="datapackage.json"))
    for name in pkg.names():
        label = pkg.resources[name]["path"]
        try:
            check_regular(pkg.folder / label, label)
            _read_csv(pkg.folder / label, label)  # the same reader as load: the same cells refused
        except DataError as err:
            problems.append(err)
    return problems


def sources_summary(data_dir: str | os.PathLike | None = None) -> str:
    """The line with the honest counts of copies and banned kinds (issue 20), or '' if it cannot be made."""
    from .sourcing import cited_by_tables, summary
    try:
        pkg = DataPackage(data_dir)
        frames = {name: pkg.read(name) for name in pkg.names()}
        return summary(frames["sources"], cited_by_tables(frames))
    except Exception:  # a broken package is reported by validate itself
        return ""


def validate(data_dir: str | os.PathLike | None = None) -> list[DataError]:
    """Every problem in the data package, each naming file, row and column. An empty list = valid.

    Never raises and never calls a broken package valid: a check that cannot run is itself a problem."""
    try:
        pkg = DataPackage(data_dir)
    except DataError as err:
        return [err]
    # Files first, as load reads them: a FIFO would hang frictionless, a link to /dev/zero grows it
    # without end, and a cell longer than load accepts must not be called valid. Any of these stops here.
    files = _file_problems(pkg)
    if files:
        return files
    problems = []
    for check in (_frictionless_errors, _kit_rules, _article_errors):
        try:
            problems += check(pkg)
        except DataError as err:
            problems.append(err)
        except Exception as err:
            problems.append(DataError(f"could not be checked ({type(err).__name__}: {err})",
                                      file="datapackage.json"))
    return problems
