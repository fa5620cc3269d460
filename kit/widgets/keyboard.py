"""Keyboard use of the kit's widgets inside JupyterLab.

In a notebook, JupyterLab's command-mode shortcuts listen to every key pressed outside a text box: the
arrow keys move to another cell and letters run commands ("a" inserts a cell, "d d" deletes one). So a
keyboard user who tabs to a menu or a set of radio buttons in an output cannot choose with the arrow keys:
the notebook takes the key and the focus. JupyterLab skips its shortcuts inside an element marked
``data-lm-suppress-shortcuts``; the guard is a tiny, invisible widget that marks every control in the
output area it is shown in (and the controls added later). Elsewhere (Voila, a plain page) it does nothing.

The mark hides every shortcut, also the ones a student uses to move through the lesson: with the focus
on a kit button just pressed (Check, a hint, a menu), Shift+Enter did nothing and the student had to
click the next cell (issue 24). So the run keys (Shift/Ctrl/Alt/Cmd+Enter) are let through: one listener
on the window, which sees a key before JupyterLab's listener on the document does, lifts the marks on the
pressed element's path for that one key and puts them back right after. A text box's widget stops its
keys itself, so from a text box the same keys are handed to JupyterLab from the cell.
"""
from __future__ import annotations

import anywidget

ESM = """
const CONTROLS = 'input, select, textarea, button, [role=slider], [tabindex]';
const MARK = 'data-lm-suppress-shortcuts';
const runKey = (e) => e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.altKey || e.metaKey);
function letRunKeysThrough() {
  if (window.__kitRunKeys) return;  // once per page, however many guards
  window.__kitRunKeys = true;
  window.addEventListener('keydown', (e) => {
    const target = e.target;
    if (!runKey(e) || !(target instanceof Element) || !target.closest('[data-kit-keyboard]')) return;
    if (target.matches('textarea, input:not([type=radio]):not([type=checkbox]):not([type=button])')) {
      // A text box's widget stops every key from reaching JupyterLab (so typing "a" adds no cell), so
      // lifting the mark is not enough: hand JupyterLab the same keys from the cell instead.
      const cell = target.closest('.jp-Cell');
      if (!cell) return;
      e.preventDefault();
      e.stopPropagation();
      target.blur();  // the box's text is sent to the kernel before the cell runs
      cell.focus();
      const again = new KeyboardEvent('keydown', {key: 'Enter', code: 'Enter', shiftKey: e.shiftKey,
        ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey, bubbles: true, cancelable: true});
      Object.defineProperty(again, 'keyCode', {get: () => 13});
      Object.defineProperty(again, 'which', {get: () => 13});
      cell.dispatchEvent(again);
      return;
    }
    const lifted = [];
    for (let n = target; n; n = n.parentElement) {
      if (n.hasAttribute(MARK)) { lifted.push(n); n.removeAttribute(MARK); }
    }
    setTimeout(() => lifted.forEach((n) => n.setAttribute(MARK, 'true')), 0);
  }, true);
}
export default {
  render({ el }) {
    letRunKeysThrough();
    el.setAttribute('aria-hidden', 'true');
    el.style.display = 'none';
    // JupyterLab matches a shortcut against the focused element itself, so each control is marked.
    const guard = () => {
      const area = el.closest('.jp-OutputArea-output') || el.closest('.jp-OutputArea');
      if (!area || area.dataset.kitKeyboard) return Boolean(area);
      area.dataset.kitKeyboard = 'on';
      // A button the kernel redraws or disables drops the focus to the page; Shift+Enter from nowhere does
      // nothing. So the focus goes back to the cell, where the notebook's keys work.
      let last = null;
      area.addEventListener('focusin', (e) => { last = e.target; });
      const goHome = () => {
        const active = document.activeElement;
        // Chrome moves the focus off a button it disables only at its next frame, so at the mutation the
        // disabled button may still hold it ("Show what actually happened" in lesson 4).
        const lost = !active || active === document.body || active === last;
        if (last && lost && (!last.isConnected || last.disabled)) {
          last = null;
          const cell = area.closest('.jp-Cell');
          const home = cell && cell.hasAttribute('tabindex') ? cell : area.closest('.jp-Notebook');
          if (home) home.focus();
        }
      };
      const mark = () => {
        area.querySelectorAll(CONTROLS).forEach(c => c.setAttribute(MARK, 'true'));
        goHome();
        setTimeout(goHome, 50);
      };
      mark();
      new MutationObserver(mark).observe(area, { childList: true, subtree: true, attributes: true,
                                                 attributeFilter: ['disabled'] });
      return true;
    };
    if (!guard()) { [0, 50, 250, 1000].forEach(ms => setTimeout(guard, ms)); }
  }
};
"""


class KeyboardGuard(anywidget.AnyWidget):
    _esm = ESM


def guarded(widget):
    """The widget, with a guard among its children so its controls keep their keys in JupyterLab."""
    if not any(isinstance(c, KeyboardGuard) for c in widget.children):
        widget.children = (*widget.children, KeyboardGuard())
    return widget


def fit():
    """A button's layout that fits its label: ipywidgets' fixed 148 px cut "Compare with the kit" and
    "Answer without code" (issue 24)."""
    import ipywidgets as w
    return w.Layout(width="auto", min_width="fit-content")
