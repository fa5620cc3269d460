"""A teaching kit around one Moscow Times column on Belarus (16 August 2020).

Start here::

    import kit
    article = kit.load_article()     # the column, with its source card
    kit.list_datasets()              # the sourced tables
    kit.load("paragraphs")           # one table as a DataFrame
    kit.describe("links")            # what a table holds and where it comes from

Names are imported on first use, so ``import kit`` is quick for a class waiting on it.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_PUBLIC = {
    "load_article": "kit.data_package.article",
    "Article": "kit.data_package.article",
    "list_datasets": "kit.data_package.datasets",
    "load": "kit.data_package.datasets",
    "describe": "kit.data_package.datasets",
    "validate": "kit.data_package.validation",
    "DataError": "kit.errors",
    "protests": "kit.data_package.tables",
    "timeline": "kit.data_package.tables",
    "actors": "kit.data_package.tables",
    "options": "kit.data_package.tables",
    "option_lenses": "kit.data_package.tables",
    "glossary": "kit.data_package.tables",
    "claims": "kit.data_package.tables",
    "aftermath": "kit.data_package.tables",
    "documents": "kit.data_package.tables",
    "sources": "kit.data_package.tables",
    "compare": "kit.data_package.tables",
    "measures": "kit.data_package.tables",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        value = getattr(importlib.import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kit' has no attribute '{name}'")


def __dir__():
    return sorted(list(globals()) + list(_PUBLIC))


def _install_notebook_helpers() -> None:
    from .errors import show_kit_errors_briefly
    from .html import show_whole_text
    show_kit_errors_briefly()
    show_whole_text()  # tables show whole text, wrapped, never cut with "..." (issue 24)


try:  # only does something inside IPython; cheap elsewhere
    import sys as _sys
    if "IPython" in _sys.modules:
        _install_notebook_helpers()
except Exception:  # never let a display nicety break the import  # pragma: no cover
    pass
