"""Keyboard use of the kit's widgets inside JupyterLab.

In a notebook, JupyterLab's command-mode shortcuts listen to every key pressed outside a text box: the
arrow keys move to another cell and letters run commands ("a" inserts a cell, "d d" deletes one). So a
keyboard user who tabs to a menu or a set of radio buttons in an output cannot choose with the arrow keys:
the notebook takes the key and the focus. JupyterLab skips its shortcuts inside an element marked
``data-lm-suppress-shortcuts``; the guard is a tiny, invisible widget that marks every control in the
output area it is shown in (and the controls added later). Elsewhere (Voila, a plain page) it does nothing.
"""
from __future__ import annotations

import anywidget

ESM = """
const CONTROLS = 'input, select, textarea, button, [role=slider], [tabindex]';
export default {
  render({ el }) {
    el.setAttribute('aria-hidden', 'true');
    el.style.display = 'none';
    // JupyterLab matches a shortcut against the focused element itself, so each control is marked.
    const guard = () => {
      const area = el.closest('.jp-OutputArea-output') || el.closest('.jp-OutputArea');
      if (!area || area.dataset.kitKeyboard) return Boolean(area);
      area.dataset.kitKeyboard = 'on';
      const mark = () => area.querySelectorAll(CONTROLS).forEach(
        c => c.setAttribute('data-lm-suppress-shortcuts', 'true'));
      mark();
      new MutationObserver(mark).observe(area, { childList: true, subtree: true });
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
