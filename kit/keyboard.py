"""Keyboard use of the kit's widgets inside JupyterLab.

In a notebook, JupyterLab's command-mode shortcuts listen to every key pressed outside a text box: the
arrow keys move to another cell and letters run commands ("a" inserts a cell, "d d" deletes one). So a
keyboard user who tabs to a menu or a set of radio buttons in an output cannot choose with the arrow keys:
the notebook takes the key and the focus. JupyterLab skips its shortcuts inside an element marked
``data-lm-suppress-shortcuts``; the guard is a tiny, invisible widget that marks the output area it is
shown in. Elsewhere (Voila, a plain page) it does nothing.
"""
from __future__ import annotations

import anywidget

ESM = """
export default {
  render({ el }) {
    el.setAttribute('aria-hidden', 'true');
    el.style.display = 'none';
    const mark = () => {
      const area = el.closest('.jp-OutputArea-output') || el.closest('.jp-OutputArea');
      if (area) area.setAttribute('data-lm-suppress-shortcuts', 'true');
      return Boolean(area);
    };
    if (!mark()) { [0, 50, 250, 1000].forEach(ms => setTimeout(mark, ms)); }
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
