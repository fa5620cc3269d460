"""Each lesson as one standalone HTML file: figures included, nothing loaded from the network.

A handout is what a teacher shares after class, so by default it is made from the student version
(kit.classroom.build.to_student): no teacher notes, no model answers, nothing a later class could copy
(the essay and the homework are marked). ``audience="teachers"`` keeps the teacher's notebook as it is,
for the teacher's own offline copy. The checks the notebook runs save into a throw-away folder, never
into the teacher's own answers.

The notebook is executed with KIT_STATIC=1 (widgets show their static versions) and plotly's
``plotly_mimetype+notebook`` renderer, which embeds plotly.js once per file. nbconvert's template
otherwise links MathJax and require.js from a CDN; the lessons need neither, so those tags are left out
and a check refuses to write a handout that still points to an outside host.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

AUDIENCES = ("students", "teachers")

EXTERNAL = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*?(?:src|href)\s*=\s*["'](?:https?:)?//""", re.I)


def external_references(html: str) -> list[str]:
    """Tags in a page that would make the browser fetch something from another host."""
    return [m.group(0) for m in EXTERNAL.finditer(html)]


def build(notebook: str | Path, out_dir: str | Path, timeout: int = 180, audience: str = "students") -> Path:
    """Execute one lesson and write ``out_dir/<lesson>.html``. Raises ValueError for a teachers-only
    notebook (the guide, the projector page) asked for students, or an unknown audience."""
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    from .build import is_for_teachers, to_student

    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {AUDIENCES}, not {audience!r}")
    notebook, out_dir = Path(notebook), Path(out_dir)
    nb = nbformat.read(notebook, as_version=4)
    if audience == "students":
        if is_for_teachers(nb):
            raise ValueError(f"{notebook.name} is for teachers only: make its handout with audience='teachers'")
        nb = to_student(nb, str(notebook))
    out_dir.mkdir(parents=True, exist_ok=True)
    names = ("KIT_STATIC", "PLOTLY_RENDERER", "KIT_RESPONSES_DIR", "KIT_SUBMISSIONS_DIR")
    saved = {k: os.environ.get(k) for k in names}
    scratch = tempfile.TemporaryDirectory(prefix="kit-handout-")
    os.environ.update(KIT_STATIC="1", PLOTLY_RENDERER="plotly_mimetype+notebook",
                      KIT_RESPONSES_DIR=scratch.name, KIT_SUBMISSIONS_DIR=scratch.name)
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(notebook.parent)}}).execute()
    finally:
        scratch.cleanup()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    nb.metadata.pop("widgets", None)
    exporter = HTMLExporter(template_name="lab", exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.mathjax_url = ""  # no formulas in the lessons; the default points to a CDN
    html, _ = exporter.from_notebook_node(nb)
    html = _drop_cdn_tags(html)
    problems = external_references(html)
    if problems:
        raise RuntimeError(f"{notebook.name}: the handout would load from the network: {problems[:3]}")
    target = out_dir / (notebook.stem + ".html")
    target.write_text(html, encoding="utf-8")
    return target


def _drop_cdn_tags(html: str) -> str:
    """Remove the template's CDN script tags (require.js, MathJax): nothing in a handout uses them."""
    return re.sub(r"""<script\b[^>]*\bsrc\s*=\s*["']https?://[^"']*["'][^>]*>\s*</script>""", "", html, flags=re.I)
