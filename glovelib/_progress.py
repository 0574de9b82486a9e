"""Progress of long training: epoch k of n, loss, time left.

A tqdm bar if tqdm is installed, else one plain line per epoch.  On a terminal it goes to stderr;
in a notebook (a Jupyter kernel) it is tqdm's widget when ipywidgets is installed, else the text
bar on stdout -- never on stderr, which JupyterLab paints as an error.  Shown only when asked for
(``GloVe(verbose=True)``, ``train_word2vec(progress=True)``).
"""

from __future__ import annotations

import sys
import time

__all__ = ["Progress"]


def in_notebook() -> bool:
    """Whether this code runs in a Jupyter kernel (JupyterLab, nbclient, nbval)."""
    shell = sys.modules.get("IPython")
    ip = shell.get_ipython() if shell is not None and hasattr(shell, "get_ipython") else None
    return type(ip).__name__ == "ZMQInteractiveShell"


class Progress:
    """Epoch k of n, loss and time left: a tqdm bar if tqdm is installed, else lines (stderr on a
    terminal; in a notebook a widget, or text on stdout)."""

    def __init__(self, total: int, enabled: bool, desc: str = "GloVe"):
        self.total, self.done, self.t0, self.bar = total, 0, time.perf_counter(), None
        self.enabled = enabled
        self.stream = sys.stdout if in_notebook() else sys.stderr
        if enabled:
            try:
                from tqdm import tqdm
            except ImportError:
                return
            if self.stream is sys.stdout:
                try:  # the notebook widget; without ipywidgets tqdm.notebook would fail
                    import ipywidgets  # noqa: F401
                    from tqdm.notebook import tqdm
                except ImportError:
                    pass
            self.bar = tqdm(total=total, desc=desc, unit="epoch", file=self.stream)

    def update(self, epoch: int, epoch_loss: float | None = None) -> None:
        self.done += 1
        if self.bar is not None:
            if epoch_loss is not None:
                self.bar.set_postfix(loss=f"{epoch_loss:.6f}", refresh=False)
            self.bar.update()
        elif self.enabled:
            spent = time.perf_counter() - self.t0
            left = spent / self.done * (self.total - self.done)
            loss = "" if epoch_loss is None else f"loss {epoch_loss:.6f}, "
            print(f"epoch {epoch} ({self.done} of {self.total}): {loss}{spent:.1f}s, "
                  f"{left:.1f}s left", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


