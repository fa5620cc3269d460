"""Every lesson in a real browser: Debian's Chromium driven by Playwright, against a JupyterLab server
this module starts on a free loopback port with its own token.

For each notebook, teacher and student versions: run all cells, wait for the kernel, then assert no
error output, every widget rendered, every plotly figure drawn, no browser console errors, and no
request to any host but the loopback server. Screenshots go to artifacts/screenshots/.
Without Chromium these tests skip and say how to install it; with CI set, a missing browser fails.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, server_log, start_server

CHROMIUM = os.environ.get("KIT_CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "artifacts" / "screenshots"
TOKEN = "kit-browser-test"
LESSONS = ["00_teacher_guide", "01_reading_the_column", "02_2006_vs_2020", "03_policy_options",
           "04_role_play", "05_sources_and_hindsight", "06_knowledge_check_and_essay", "primer_python",
           "projector"]
STUDENT = ["01_reading_the_column", "02_2006_vs_2020", "03_policy_options", "04_role_play",
           "05_sources_and_hindsight", "06_knowledge_check_and_essay"]


def _browser_or_skip():
    if Path(CHROMIUM).exists():
        return
    message = ("Chromium not found at /usr/bin/chromium: install it with `apt-get install -y chromium` "
               "(or set KIT_CHROMIUM); the browser tests need no download.")
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, proc, seconds: int = 120, headers=None):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited: {server_log(proc)}")
        try:
            return urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=60).read()
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


@pytest.fixture(scope="module")
def lab_root(tmp_path_factory):
    """A copy of the teacher notebooks and a fresh student build: lab autosaves into what it opens."""
    _browser_or_skip()
    from kit.classroom.build import build
    root = tmp_path_factory.mktemp("lab")
    (root / "teacher").mkdir()
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(path, root / "teacher" / path.name)
    build(ROOT / "notebooks", root / "student", root / "key")
    return root


@contextlib.contextmanager
def running_lab(root: Path, env: dict):
    """JupyterLab on a free loopback port serving ``root``, with the test token; stopped on exit."""
    port = _free_port()
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
           f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={TOKEN}",
           "--LabApp.expose_app_in_browser=True", "--LabApp.news_url=None",
           "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
           f"--LabApp.workspaces_dir={root / 'workspaces'}",  # not the layout other lab runs saved
           # Kernels talk over Unix sockets, not TCP. jupyter_client picks a kernel's TCP ports by binding
           # port 0 and letting go; in a suite that opens thousands of connections, another socket can take
           # a port before the kernel binds it ("ZMQError: Address already in use" in the server's log),
           # and the restart with the same ports fails too: "Kernel is dead" in CI, twice.
           "--KernelManager.transport=ipc"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    # A short runtime folder: a Unix socket's path may not exceed 107 bytes.
    runtime = tempfile.mkdtemp(prefix="kit-rt-")
    env = dict(env, JUPYTER_RUNTIME_DIR=runtime)
    proc = start_server(cmd, root / "jupyterlab.log", env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/api/status", proc, headers={"Authorization": f"token {TOKEN}"})
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture(scope="module")
def lab(lab_root, tmp_path_factory):
    responses = tmp_path_factory.mktemp("responses")
    env = dict(os.environ, KIT_RESPONSES_DIR=str(responses), KIT_SUBMISSIONS_DIR=str(responses))
    with running_lab(lab_root, env) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    _browser_or_skip()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


# anywidget rejects a model's "ready" promise when the model's code has not started within 2 s, and
# nothing catches it. Under load that happens. Since the charts are no longer FigureWidgets, the kit's
# only anywidget is the keyboard guard (kit/widgets/keyboard.py), which is harmless late: its view is drawn
# when its code arrives, and it gets no message from the kernel (what anywidget would drop). Both are
# tested: test_keyboard_guard_still_works_when_anywidget_gives_up and tests/test_widgets.py.
GUARD_LATE = "[anywidget] Failed to initialize model."


class Page:
    """One browser page that records console errors and every request to a host other than ours."""

    def __init__(self, browser, base, bypass_csp: bool = False):
        self.base = base
        # bypass_csp: only for auditing a page whose own Content-Security-Policy forbids every script
        # (the class report): axe-core is injected by the test, not by the page.
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=bypass_csp)
        self.outside: list[str] = []
        self.console: list[str] = []  # every console error and uncaught error, as the browser gave them
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.console.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.console.append(str(e)))

    @property
    def errors(self) -> list[str]:
        """The console errors, less anywidget's notice that a keyboard guard started late (GUARD_LATE)."""
        return [e for e in self.console if e != GUARD_LATE]

    def _route(self, route):
        host = urllib.parse.urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost", None):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()


def _delete_sessions(base):
    headers = {"Authorization": f"token {TOKEN}"}
    sessions = json.loads(urllib.request.urlopen(urllib.request.Request(f"{base}/api/sessions", headers=headers)).read())
    for s in sessions:
        urllib.request.urlopen(urllib.request.Request(f"{base}/api/sessions/{s['id']}", method="DELETE",
                                                      headers=headers))


RUN_STATE = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  if (!w || !w.content || !w.sessionContext || !w.sessionContext.session) return null;
  const kernel = w.sessionContext.session.kernel;
  const cells = w.content.widgets.filter(c => c.model.type === 'code');
  const pending = cells.filter(c => c.model.sharedModel.source.trim() && c.model.executionCount === null).length;
  const errors = [];
  let plotly = 0, widgets = 0;
  for (const c of cells) {
    for (const o of c.model.outputs.toJSON()) {
      if (o.output_type === 'error') errors.push(o.ename + ': ' + o.evalue);
      if (o.data && o.data['application/vnd.plotly.v1+json']) plotly += 1;
      if (o.data && o.data['application/vnd.jupyter.widget-view+json']) widgets += 1;
    }
  }
  return {status: kernel ? kernel.status : 'none', pending, errors, plotly, widgets, cells: cells.length};
}"""


def _forget_layouts(base):
    """Delete the layouts (workspaces) JupyterLab saved for this server. An earlier test's page saved its open
    tabs there, and the next page restores them: every notebook an earlier test opened came back as a hidden
    tab, each starting a kernel, and ``.jp-Notebook .jp-Cell`` found their cells first (a hidden tab's prompt
    is "not visible"). A student who opens one lesson sees one notebook: so does every test."""
    headers = {"Authorization": f"token {TOKEN}"}
    spaces = json.loads(urllib.request.urlopen(urllib.request.Request(f"{base}/lab/api/workspaces",
                                                                      headers=headers)).read())
    for name in spaces["workspaces"]["ids"]:
        urllib.request.urlopen(urllib.request.Request(f"{base}/lab/api/workspaces/{urllib.parse.quote(name)}",
                                                      method="DELETE", headers=headers))


OTHER_DOCUMENTS = """(path) => [...window.jupyterapp.shell.widgets('main')]
  .filter(w => w.context && w.context.path !== path).map(w => w.context.path)"""


def _open_and_run(p: Page, path: str, timeout: float = 150):
    page = p.page
    page.goto(f"{p.base}/lab/tree/{path}?token={TOKEN}", wait_until="domcontentloaded")
    # The notebook we asked for is in front, its kernel is connected and idle.
    page.wait_for_function("(path) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget; "
                           "return w && w.context && w.context.path === path && w.sessionContext "
                           "&& w.sessionContext.isReady && w.sessionContext.session "
                           "&& w.sessionContext.session.kernel "
                           "&& w.sessionContext.session.kernel.connectionStatus === 'connected' "
                           "&& w.sessionContext.session.kernel.status === 'idle'; }", arg=path, timeout=90_000)
    others = page.evaluate(OTHER_DOCUMENTS, path)
    assert others == [], f"{path}: the page also opened {others} (a layout an earlier page saved was restored)"
    deadline = time.time() + timeout
    state = untouched = page.evaluate(RUN_STATE)
    started = 0.0
    while time.time() < deadline:
        if time.time() - started > 20 and state["pending"] == untouched["pending"] and state["status"] == "idle":
            # Nothing has run yet (a command sent while the page was still settling is lost): run all.
            page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")
            started = time.time()
        page.wait_for_timeout(500)
        state = page.evaluate(RUN_STATE)
        if state and state["pending"] == 0 and state["status"] == "idle":
            break
    else:
        raise AssertionError(f"{path}: the kernel did not finish: {state}")
    # Widgets and plots render after the kernel is idle: wait until nothing is still loading.
    page.wait_for_function("() => !document.body.innerText.includes('Loading widget...')", timeout=60_000)
    page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= "
                           f"{state['plotly']}", timeout=60_000)
    page.wait_for_timeout(1000)
    return state


def _assert_healthy(p: Page, path: str, state: dict):
    page = p.page
    text = page.inner_text("body")
    assert state["errors"] == [], f"{path}: error outputs {state['errors']}"
    assert "Error displaying widget" not in text, path
    assert "Loading widget..." not in text, path
    drawn = page.locator(".js-plotly-plot .main-svg").count()
    assert drawn >= state["plotly"], f"{path}: {drawn} plotly figures drawn of {state['plotly']}"
    rendered = page.locator(".jupyter-widgets, .widget-box, .widget-inline-hbox").count()
    if state["widgets"]:
        assert rendered > 0, f"{path}: no widget rendered"
    assert p.outside == [], f"{path}: requests to outside hosts: {p.outside[:5]}"
    assert p.errors == [], f"{path}: browser console errors: {p.errors[:5]}"


def _shot(p: Page, name: str):
    """The whole notebook: JupyterLab scrolls inside its panel, so grow the window to the notebook first."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = p.page
    height = page.evaluate("() => Math.max(...[...document.querySelectorAll('.jp-WindowedPanel-outer, "
                           ".jp-Notebook')].map(e => e.scrollHeight), document.body.scrollHeight)")
    size = page.viewport_size
    page.evaluate("() => document.querySelectorAll('.jp-WindowedPanel-outer, .jp-Notebook')"
                  ".forEach(e => { e.scrollTop = 0; })")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 250, 16000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size(size)


@contextlib.contextmanager
def opened_notebook(base: str, browser, path: str, init_script: str | None = None):
    """A fresh page with ``path`` open and every cell run, no other kernel running; closed on exit.
    ``p.state`` is what the run left (see RUN_STATE); ``init_script`` runs in the page before its own."""
    _delete_sessions(base)
    _forget_layouts(base)
    p = Page(browser, base)
    try:
        if init_script:
            p.context.add_init_script(init_script)
        p.state = _open_and_run(p, path)
        yield p
    finally:
        p.close()


def _check_in_browser(lab, browser, path: str, shot: str, log: Path | None = None) -> str:
    """Open, run all, screenshot, assert healthy; return the page's text. A failure carries the end of
    the server's log: a kernel's own errors (a crash, a restart) are written there, not to the page."""
    start = log.stat().st_size if log and log.exists() else 0
    try:
        with opened_notebook(lab, browser, path) as p:
            _shot(p, shot)
            _assert_healthy(p, path, p.state)
            return p.page.inner_text("body")
    except AssertionError as failure:
        if log and log.exists():
            with open(log, "rb") as handle:
                handle.seek(start)
                tail = handle.read().decode(errors="replace")[-4000:]
            raise AssertionError(f"{failure}\n--- the server's log during this test ---\n{tail}") from None
        raise


@pytest.mark.parametrize("name", LESSONS)
def test_teacher_notebook_in_the_browser(name, lab, lab_root, browser):
    _check_in_browser(lab, browser, f"teacher/{name}.ipynb", f"teacher-{name}", lab_root / "jupyterlab.log")


@pytest.mark.parametrize("name", STUDENT)
def test_student_notebook_in_the_browser(name, lab, lab_root, browser):
    text = _check_in_browser(lab, browser, f"student/{name}.ipynb", f"student-{name}", lab_root / "jupyterlab.log")
    assert "Not answered yet" in text


SIGNATURE = """(i) => {
    const plot = document.querySelectorAll('.js-plotly-plot')[i];
    return JSON.stringify((plot.data || []).map(t => [t.type, t.x, t.y])) + plot.innerText; }"""


def _plot_signature(page, index: int) -> str:
    """What a figure shows (its traces and its text), to tell whether an interaction changed it."""
    return page.evaluate(SIGNATURE, index)


def _wait_for_change(page, index: int, before: str) -> None:
    page.wait_for_function(f"([i, before]) => ({SIGNATURE})(i) !== before", arg=[index, before],
                           timeout=30_000)


def _matrix_plot(page) -> int:
    """The index of the decision matrix's chart among the page's plotly charts, once it is drawn."""
    page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')]"
                           ".some(e => e.innerText.includes('weighted score'))", timeout=60_000)
    plots = page.locator(".js-plotly-plot")
    return next(i for i in range(plots.count()) if "weighted score" in plots.nth(i).inner_text())


def _matrix_cell(page):
    """The cell of lesson 3's decision matrix (the group-scoring tool comes before it)."""
    return page.locator(".jp-Notebook .jp-Cell").filter(
        has=page.locator(".js-plotly-plot", has_text="weighted score")).first


def test_interactions(lab, browser):
    """Change the explorer's measure and a matrix weight; ask for a hint; answer a multiple choice."""
    with opened_notebook(lab, browser, "student/02_2006_vs_2020.ipynb") as p:
        page = p.page
        explorer = page.locator(".widget-dropdown select").nth(1)  # the Measure menu
        before = _plot_signature(page, 0)
        explorer.select_option(index=2)
        _wait_for_change(page, 0, before)
        assert _plot_signature(page, 0) != before
        # a hint: the first "Show a hint" button under an exercise
        button = page.get_by_role("button", name="Show a hint").first
        button.scroll_into_view_if_needed()
        button.click()
        page.wait_for_function("() => [...document.querySelectorAll('[role=note]')]"
                               ".some(e => e.innerText.startsWith('Hint 1 of'))", timeout=30_000)
        # a multiple-choice answer: a wrong option (B) of the first choice widget, which names a misconception
        page.locator(".widget-radio-box").first.locator("input").nth(1).check()
        # that exercise's own Check (a table tool above it, open at once, has a Check of its own)
        page.locator("button[title='Check your answer to q2.5']").click()
        page.wait_for_function("() => document.body.innerText.includes('Think about it')", timeout=30_000)
        _shot(p, "interaction-lesson2")
        assert p.outside == [] and p.errors == []

    with opened_notebook(lab, browser, "student/03_policy_options.ipynb") as p:
        page = p.page
        matrix = _matrix_plot(page)
        before = _plot_signature(page, matrix)
        # the matrix's own weights (the group-scoring tool above it has menus with the same names)
        weight = _matrix_cell(page).get_by_label("protester safety").first  # a 0-5 menu, named by its label
        weight.focus()
        for _ in range(2):
            page.keyboard.press("ArrowDown")  # keyboard only: protester safety 3 -> 5
        page.keyboard.press("Tab")
        _wait_for_change(page, matrix, before)
        _shot(p, "interaction-lesson3")
        assert p.outside == [] and p.errors == []


# Every anywidget model gives up at once, before its code can start: anywidget's 2-second limit is the
# only AbortSignal.timeout(2000) on the page, and its abort is made to fire in the next microtask.
GIVE_UP_AT_ONCE = """(() => {
  const timeout = AbortSignal.timeout.bind(AbortSignal);
  AbortSignal.timeout = (ms) => {
    if (ms !== 2000) return timeout(ms);
    const controller = new AbortController();
    queueMicrotask(() => controller.abort());
    return controller.signal;
  };
})();"""


def test_keyboard_guard_still_works_when_anywidget_gives_up(lab, lab_root, browser):
    """Why GUARD_LATE may be tolerated: with every anywidget model late, the keyboard guard still marks the
    controls, the arrow keys still choose in a menu, and the chart (no anywidget) still follows."""
    import nbformat
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from kit.widgets import comparison_explorer\ncomparison_explorer()")],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, lab_root / "guard_late.ipynb")
    with opened_notebook(lab, browser, "guard_late.ipynb", init_script=GIVE_UP_AT_ONCE) as p:
        page = p.page
        assert GUARD_LATE in p.console, "the late start was not reproduced: the test proves nothing"
        menu = page.locator(".jp-OutputArea .widget-dropdown select").nth(1)
        page.wait_for_function("() => { const s = document.querySelectorAll('.jp-OutputArea .widget-dropdown "
                               "select')[1]; return s && s.getAttribute('data-lm-suppress-shortcuts') === 'true'; }",
                               timeout=30_000)
        before = _plot_signature(page, 0)
        chosen = menu.input_value()
        menu.focus()
        page.keyboard.press("ArrowDown")
        page.wait_for_function("(v) => document.querySelectorAll('.jp-OutputArea .widget-dropdown select')[1]"
                               ".value !== v", arg=chosen, timeout=20_000)
        _wait_for_change(page, 0, before)
        assert page.evaluate("() => document.activeElement.tagName") == "SELECT", "the notebook took the key"
        assert p.outside == [] and p.errors == []


def test_a_chart_shown_twice_is_a_chart_in_both_places(lab, lab_root, browser):
    """Lesson 4 shows the class vote again after the debate. The second view must draw the chart, not the
    PNG copy JupyterLab's plotly renderer keeps in the output (an image without alternative text)."""
    import nbformat
    cells = ['from kit.widgets import barometer\nvote = barometer("Q?", ["yes", "no"])\nvote',
             "import time\ntime.sleep(4)  # the first view is drawn and its PNG copy stored", "vote"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells],
                                  metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}})
    nbformat.write(nb, lab_root / "shown_twice.ipynb")
    with opened_notebook(lab, browser, "shown_twice.ipynb") as p:
        page = p.page
        page.wait_for_function("() => document.querySelectorAll('.jp-RenderedPlotly .plot-container').length >= 2",
                               timeout=30_000)
        page.wait_for_timeout(2000)  # time for a PNG copy to appear, if one would
        shown = page.evaluate("() => [...document.querySelectorAll('img.plot-img')]"
                              ".filter(i => getComputedStyle(i).display !== 'none').length")
        assert shown == 0, f"{shown} chart(s) shown as an image without alternative text"
        assert p.outside == [] and p.errors == []


def test_group_scores_in_the_matrix_by_keyboard(lab, browser):
    """Lesson 3's new mode: a group scores two options with the keyboard, compares, and saves."""
    with opened_notebook(lab, browser, "student/03_policy_options.ipynb") as p:
        page = p.page
        # the matrix through an actor's eyes: pick the Kremlin from the menu
        matrix = _matrix_plot(page)
        _matrix_cell(page).locator(".widget-dropdown select").first.select_option(label="the Kremlin")
        page.wait_for_function("(i) => document.querySelectorAll('.js-plotly-plot')[i].innerText"
                               ".includes('Through the eyes of the Kremlin')", arg=matrix, timeout=60_000)
        # the group's own scores: keyboard only
        first_reason = page.get_by_placeholder("Why these scores? One or two sentences.").first
        first_reason.scroll_into_view_if_needed()
        first_reason.focus()
        page.keyboard.type("Lukashenko rejected foreign mediators on 15 August.")
        page.keyboard.press("Shift+Tab")  # back to the last score menu of option 1
        page.keyboard.press("ArrowUp")
        second = page.get_by_placeholder("Why these scores? One or two sentences.").nth(1)
        second.focus()
        page.keyboard.type("The OSCE offered to meet both sides on 17 August.")
        compare = page.get_by_role("button", name="Compare with the kit")
        compare.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.body.innerText.includes(\"Your scores and the kit's\")",
                               timeout=30_000)
        names = page.get_by_label("Our names (everyone in the group)")
        names.focus()
        page.keyboard.type("Ana, Ben, Chloe")
        save = page.get_by_role("button", name="Save our scores")
        save.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.body.innerText.includes('q3.2: Saved')", timeout=30_000)
        _shot(p, "interaction-lesson3-group-scores")
        assert p.outside == [] and p.errors == []


def test_role_play_reveals_what_happened_only_when_pressed(lab, browser):
    """Lesson 4 (student version): the outcome is hidden until the button is pressed, by keyboard."""
    import kit
    outcome = kit.options().iloc[0]["what_happened"][:40]
    with opened_notebook(lab, browser, "student/04_role_play.ipynb") as p:
        page = p.page
        text = page.inner_text("body")
        assert "What they said" in text and "An analyst's reading" in text
        assert "Hidden until the debrief" in text and outcome not in text
        button = page.get_by_role("button", name="Show what actually happened")
        button.scroll_into_view_if_needed()
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("(t) => document.body.innerText.includes(t)", arg=outcome, timeout=30_000)
        _shot(p, "interaction-lesson4-reveal")
        assert p.outside == [] and p.errors == []


def test_role_play_timer_and_barometer_by_keyboard(lab, browser):
    """Lesson 4's classroom tools with the keyboard alone: the round timer starts and pauses, and a count
    typed into the barometer redraws its chart."""
    with opened_notebook(lab, browser, "student/04_role_play.ipynb") as p:
        page = p.page
        start = page.get_by_role("button", name="Start the round").first
        start.scroll_into_view_if_needed()
        start.focus()
        page.keyboard.press("Space")
        page.wait_for_function("() => [...document.querySelectorAll('.widget-label')]"
                               ".some(e => /^0:5\\d left$/.test(e.textContent))", timeout=30_000)
        pause = page.get_by_role("button", name="Pause").first
        pause.focus()
        page.keyboard.press("Space")
        page.get_by_role("button", name="Start the round").first.wait_for(timeout=10_000)
        count = page.locator(".widget-inline-hbox input[type=number]").first
        count.scroll_into_view_if_needed()
        count.focus()
        page.keyboard.press("Control+A")
        page.keyboard.type("7")
        page.keyboard.press("Tab")
        page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')]"
                               ".some(e => (e.data || []).some(t => (t.y || []).includes(7)))", timeout=30_000)
        _shot(p, "interaction-lesson4-timer-barometer")
        assert p.outside == [] and p.errors == []


def test_projector_page_shows_the_explorer(browser, tmp_path):
    port = _free_port()
    proc = start_server(["make", "-s", "present", f"PORT={port}", "BROWSER=no"], tmp_path / "voila.log", cwd=ROOT)
    p = Page(browser, f"http://127.0.0.1:{port}")
    try:
        _wait_for(f"http://127.0.0.1:{port}/voila/static/voila.js", proc, seconds=60)
        p.page.goto(f"http://127.0.0.1:{port}/", wait_until="commit", timeout=120_000)
        p.page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
        p.page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2",
                                 timeout=60_000)
        p.page.wait_for_timeout(1000)
        text = p.page.inner_text("body")
        assert "Peak protest size" in text and "Dimension" in text
        assert "comparison_explorer()" not in text
        _shot(p, "projector")
        assert p.outside == [], p.outside
        assert p.errors == [], p.errors
    finally:
        p.close()
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


@pytest.fixture
def no_saved_lesson5(tmp_path_factory):
    """The lab's kernels save into a responses folder shared by this module: forget lesson-5 answers, so
    the claims explorer starts with its verdicts hidden."""
    for path in tmp_path_factory.getbasetemp().glob("responses*/**/lesson5.json"):
        path.unlink()


def test_document_set_organiser_and_sorted_claims(lab, browser, no_saved_lesson5):
    """Lesson 1: switch a document to its modified version and fill in and save the organiser with the
    keyboard. Lesson 5: the verdicts are hidden, the claim sorter is filled in and saved, then they show."""
    with opened_notebook(lab, browser, "student/01_reading_the_column.ipynb") as p:
        page = p.page
        page.get_by_role("button", name="Modified (easier)").first.click()
        page.wait_for_function("() => document.body.innerText.includes('MODIFIED version')", timeout=30_000)
        box = page.get_by_label("Who wrote or said it, and who published it?").first
        box.scroll_into_view_if_needed()
        box.focus()
        page.keyboard.type("The Kremlin, quoted by Interfax-Ukraine")
        page.keyboard.press("Tab")  # the value syncs when the box loses focus
        save = page.get_by_role("button", name="Save my organiser").first
        save.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.body.innerText.includes('Saved your organiser for document d1')",
                               timeout=30_000)
        _shot(p, "interaction-lesson1-organiser")
        assert p.outside == [] and p.errors == []

    with opened_notebook(lab, browser, "student/05_sources_and_hindsight.ipynb") as p:
        page = p.page
        assert "The kit's verdicts are hidden" in page.inner_text("body")
        for cid, kind, verdict in [("c03", "fact", "inaccurate"), ("c09", "prediction", "not borne out"),
                                   ("c10", "fact", "supported"), ("c21", "opinion", "supported"),
                                   ("c41", "opinion", "not verifiable"), ("c49", "recommendation", "not borne out")]:
            page.get_by_label(f"{cid} type").first.select_option(label=kind)
            page.get_by_label(f"{cid} your verdict").first.select_option(label=verdict)
        page.get_by_role("button", name="Save my sorting").first.click()
        page.wait_for_function("() => document.body.innerText.includes(\"Your sorting beside the kit's\")",
                               timeout=30_000)
        page.get_by_role("button", name="Show the kit's verdicts").first.click()
        page.wait_for_function("() => document.body.innerText.includes(\"The kit's verdicts are shown below\")",
                               timeout=30_000)
        page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')]"
                               ".some(e => e.innerText.includes('claims: type and verdict'))", timeout=30_000)
        _shot(p, "interaction-lesson5-sorted-claims")
        assert p.outside == [] and p.errors == []
