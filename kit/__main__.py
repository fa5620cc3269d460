"""The kit's command line: ``python -m kit <command>``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _article(args) -> int:
    from .data_package.article import load_article
    from .data_package.datasets import package
    article = load_article()
    target = package().folder / "article" / "paragraphs.csv"
    article.frame.to_csv(target, index=False, lineterminator="\n")
    print(f"wrote {target} ({len(article.paragraphs)} paragraphs, {article.word_count} words)")
    return 0


def _settings(args) -> int:
    """Quiet JupyterLab for a classroom: no news or update toasts (they would also try the network)."""
    import json
    from pathlib import Path
    target = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    settings = json.loads(target.read_text()) if target.exists() else {}
    settings["@jupyterlab/apputils-extension:notification"] = {
        "checkForUpdates": False, "fetchNews": "false"}
    # Render every cell, not only those in view: screen readers and "find" then see the whole lesson.
    settings["@jupyterlab/notebook-extension:tracker"] = {"windowingMode": "none"}
    target.write_text(json.dumps(settings, indent=2))
    print(f"wrote {target}")
    _projector_template()
    return 0


def _projector_template() -> None:
    """Voila's lab template with its two CDN stylesheet links removed (icons ship in voila.js).

    The projector page must load with no network; Voila has no switch for these links, so the kit
    installs a copy of the template named kit-projector beside the original.
    """
    import json
    import re
    import shutil
    from pathlib import Path
    templates = Path(sys.prefix) / "share" / "jupyter" / "voila" / "templates"
    if not (templates / "lab").is_dir():
        return
    target = templates / "kit-projector"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(templates / "lab", target)
    index = target / "index.html.j2"
    text = re.sub(r"\s*<link[^>]*https://cdn[^>]*>", "", index.read_text())
    index.write_text(text)
    (target / "conf.json").write_text(json.dumps({"base_template": "lab"}))
    print(f"wrote {target}")


def _refresh(args) -> int:
    """Re-run notebooks and store only their reference outputs (what the committed files hold)."""
    from pathlib import Path

    from .classroom.notebooks import refresh
    paths = args.paths or sorted(Path("notebooks").glob("*.ipynb"))
    for path in paths:
        print(f"refreshed {refresh(path)}")
    return 0


def _headers(args) -> int:
    """Regenerate lesson header and key-points cells from each notebook's metadata."""
    from pathlib import Path

    import nbformat

    from .classroom.lessons import sync
    for path in args.paths or sorted(Path("notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if sync(nb):
            nbformat.write(nb, path)
            print(f"updated {path}")
    return 0


def _handouts(args) -> int:
    """Export each lesson to one standalone HTML file."""
    from pathlib import Path

    import nbformat

    from .classroom.build import is_for_teachers
    from .classroom.handouts import build
    audience = "teachers" if args.teacher else "students"
    paths = [Path(p) for p in args.paths] or sorted(Path("notebooks").glob("[0-9][0-9]_*.ipynb"))
    for path in paths:
        if audience == "students" and is_for_teachers(nbformat.read(path, as_version=4)):
            print(f"skipped {path} (for teachers only; add --teacher for the teacher's copies)")
            continue
        target = build(path, args.out, audience=audience)
        print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB, the {audience}' version)")
    return 0


def _worksheets(args) -> int:
    from .classroom.worksheets import build, build_all
    paths = [build(p, args.out) for p in args.paths] if args.paths else build_all("notebooks", args.out)
    for path in paths:
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)")
    return 0


def _build(args) -> int:
    """Write student/ and key/ from the teacher notebooks."""
    from .classroom.build import BuildError, build
    try:
        written = build(args.source, args.student, args.key)
    except BuildError as err:
        print(f"error: {err}\nNothing was written: fix the marker and build again.", file=sys.stderr)
        return 1
    print(f"wrote {len(written['student'])} student notebooks to {args.student}/ and "
          f"{len(written['key'])} files to {args.key}/")
    return 0


def _report(args) -> int:
    """Read a class's submissions and write the report (report.html and CSVs) into FOLDER/report/."""
    from .classroom.report import write_report
    result = write_report(args.folder, args.out, attempt=args.attempt, penalty=args.penalty,
                          hide_names=args.hide_names)
    for line in result["messages"]:
        print(_printable(line))
    print(f"marks: {result['policy'].describe()}")
    print(f"read {result['read']} submissions, skipped {result['skipped']}; wrote {', '.join(result['files'])}")
    return 0


def _printable(text: str) -> str:
    """A line safe for the teacher's terminal: control, bidi and zero-width characters shown as codes."""
    import unicodedata
    return "".join(ch if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp") else f"<U+{ord(ch):04X}>"
                   for ch in str(text))


def _collect(args) -> int:
    """Read every submission in FOLDER/submissions/ (and FOLDER/) into FOLDER/gradebook.sqlite."""
    from .classroom.gradebook import collect
    result = collect(args.folder)
    for line in result["messages"]:
        print(_printable(line))
    print(f"collected {result['students']} students from {result['files']} files "
          f"({result['updated']} new or updated, {result['skipped']} skipped) into "
          f"{Path(args.folder) / 'gradebook.sqlite'}")
    return 0


def _grades(args) -> int:
    """Write FOLDER/grades.csv and FOLDER/feedback/<student id>.html from the gradebook."""
    from .classroom.grades import export
    result = export(args.folder, attempt=args.attempt, penalty=args.penalty)
    print(f"wrote {result['grades']} and {len(result['feedback'])} feedback pages in "
          f"{Path(args.folder) / 'feedback'}")
    print(f"marks: {result['policy'].describe()}")
    return 0


def _validate(args) -> int:
    from .data_package.validation import sources_summary, validate
    problems = validate(args.data)
    for p in problems:
        print(p.message)
    print(sources_summary(args.data))
    print("the data package is valid" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kit", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("article", help="derive data/article/paragraphs.csv from the raw column text")
    sub.add_parser("settings", help="write JupyterLab settings for the classroom (no news toasts)")
    r = sub.add_parser("refresh", help="re-run notebooks, keep only reference-cell outputs")
    r.add_argument("paths", nargs="*", help="notebooks (default: notebooks/*.ipynb)")
    h = sub.add_parser("headers", help="regenerate lesson header cells from notebook metadata")
    h.add_argument("paths", nargs="*")
    ho = sub.add_parser("handouts", help="export each lesson to one standalone HTML file")
    ho.add_argument("paths", nargs="*")
    ho.add_argument("--out", default="handouts", help="output folder (default: handouts/)")
    ho.add_argument("--teacher", action="store_true",
                    help="the teacher's notebooks as they are (notes and model answers), not the student version")
    ws = sub.add_parser("worksheets", help="write one printable worksheet per lesson (no code) into worksheets/")
    ws.add_argument("paths", nargs="*", help="lesson notebooks (default: notebooks/NN_*.ipynb)")
    ws.add_argument("--out", default="worksheets", help="output folder (default: worksheets/)")
    b = sub.add_parser("build", help="write student/ and key/ from the teacher notebooks")
    b.add_argument("--source", default="notebooks")
    b.add_argument("--student", default="student")
    b.add_argument("--key", default="key")
    rp = sub.add_parser("report", help="report on a class folder (or a folder of submission files)")
    rp.add_argument("folder")
    rp.add_argument("--out", default=None, help="output folder (default: FOLDER/report/)")
    rp.add_argument("--attempt", choices=["best", "first", "last"], default=None,
                    help="which attempt counts (default: the class's kit-grading.json, else best)")
    rp.add_argument("--penalty", default=None,
                    help="share of an item's points taken off per earlier wrong try at choice, matching and "
                         "ordering, e.g. 1/3 or 0 (default: the class's kit-grading.json, else 1/3)")
    rp.add_argument("--hide-names", action="store_true", help="no names, for the projector")
    co = sub.add_parser("collect", help="read a class folder's submissions into its gradebook")
    co.add_argument("folder")
    gr = sub.add_parser("grades", help="write grades.csv and a feedback page per student from the gradebook")
    gr.add_argument("folder")
    gr.add_argument("--attempt", choices=["best", "first", "last"], default=None,
                    help="which attempt counts where the teacher has not marked (default: the class's "
                         "kit-grading.json, else best)")
    gr.add_argument("--penalty", default=None,
                    help="share of an item's points taken off per earlier wrong try at choice, matching and "
                         "ordering, e.g. 1/3 or 0 (default: the class's kit-grading.json, else 1/3)")
    v = sub.add_parser("validate", help="check the data package; list every problem with file, row, column")
    v.add_argument("--data", default=None, help="a data folder (default: the kit's own)")
    args = parser.parse_args(argv)
    from .errors import DataError
    commands = {"article": _article, "settings": _settings, "refresh": _refresh, "headers": _headers,
                "handouts": _handouts, "build": _build, "report": _report, "validate": _validate,
                "collect": _collect, "grades": _grades, "worksheets": _worksheets}
    try:
        return commands[args.command](args)
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except Exception as err:  # the classroom commands' own errors: a message, not a traceback
        from .classroom.gradebook import GradebookError
        from .exercises.classfolder import ClassFolderError
        if isinstance(err, (GradebookError, ClassFolderError, FileNotFoundError)):
            print(f"error: {_printable(err)}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
