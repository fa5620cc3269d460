"""The one error type the kit raises about its data, and its friendly display in a notebook."""
from __future__ import annotations

import unicodedata

MAX_SHOWN = 300


def printable(text: str, limit: int = MAX_SHOWN) -> str:
    """Text from a data file made safe to print: control, bidi and zero-width characters shown as
    escapes (a terminal escape code in a CSV cell must not reach the teacher's terminal as a command)."""
    text = str(text)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return "".join(ch if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp")
                   else ch.encode("unicode_escape", "backslashreplace").decode("ascii") for ch in text)


class DataError(Exception):
    """Something is wrong with a data file: says which file, row and column, and what is wrong.

    ``row`` is the data row (1 = the first row under the header); the file line is ``row + 1``.
    """

    def __init__(self, problem: str, file: str | None = None, row: int | None = None,
                 column: str | None = None):
        self.problem, self.file, self.row, self.column = problem, file, row, column
        super().__init__(self.message)

    @property
    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(printable(self.file))
        if self.row is not None:
            parts.append(f"row {self.row} (file line {self.row + 1})")
        if self.column:
            parts.append(f"column '{printable(self.column, 80)}'")
        return ", ".join(parts)

    @property
    def message(self) -> str:
        problem = printable(self.problem, 2000)
        return f"{self.where}: {problem}" if self.where else problem


class UnknownDatasetError(KeyError):
    """A dataset name the kit does not know; the message lists the valid names."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


def show_kit_errors_briefly() -> None:
    """In IPython, show the kit's own errors as one clear line instead of a traceback.

    Teachers and students see "data/timeline.csv, row 3, column 'date': ..." and not pandas internals.
    Other errors keep IPython's normal display.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to install
        return
    shell = get_ipython()
    if shell is None or getattr(shell, "_kit_errors_installed", False):
        return

    def _handler(shell, etype, value, tb, tb_offset=None):
        print(f"⚠ {etype.__name__}: {value}")
        return None

    shell.set_custom_exc((DataError, UnknownDatasetError), _handler)
    shell._kit_errors_installed = True
