"""Export: the dashboard's run and comparison as a meeting pack, written to a folder and offered as a download.

A planner who found a staffing worth proposing takes it to the commune's meeting. Pressing Export
writes the meeting pack of `simulation.experiments.meeting_pack` for what the dashboard shows:
the last run (``ket-qua/``: KPIs, utilisation by hour with overtime, official-hours, officials by
weekday and hour, as CSV, ``run.xlsx`` and ``report.html``) and, once A and B were compared, the
comparison (``so-sanh/``: differences, hours and who differs, as CSV, ``compare.xlsx`` and
``report.html``), into one time-stamped folder under `folder`, and zips it.

The zip is offered as a link that carries the file itself (a ``data:`` address), so it downloads
the same in JupyterLab and in Voila, whose file server hands out images only unless configured;
the folder's path is shown too, for a planner working on the server itself.
"""
from __future__ import annotations

import base64
import datetime as dt
import html
import os
import shutil
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from ..experiments.meeting_pack import write_compare_pack, write_run_pack
from ..i18n import N_, _, use_language

__all__ = ["ExportPanel", "EXPORT_ENV", "export_folder"]

EXPORT_ENV = "MOTCUA_EXPORT_DIR"
RUN_FOLDER, COMPARE_FOLDER = "ket-qua", "so-sanh"
EXPORT = N_("Export the meeting pack")
NOTHING_YET = N_("Press Run first: the pack holds the last run (and the last comparison, if any).")
# TRANSLATORS: the download link of the exported pack; {name} is the zip file's name.
DOWNLOAD = N_("Download {name}")
# TRANSLATORS: under the download link: the folder the pack was written to, and the files in it.
WRITTEN = N_("Written to {folder}: {files}")


def export_folder() -> Path:
    """Where packs go: ``$MOTCUA_EXPORT_DIR``, else ``motcua-exports`` in the working folder (the notebook's)."""
    return Path(os.environ.get(EXPORT_ENV) or "motcua-exports")


class ExportPanel:
    """A button that writes the meeting pack of the dashboard's last run and comparison, and a download link."""

    def __init__(self, dashboard: Any, folder: str | Path | None = None):
        """`dashboard`: the `StaffingDashboard` above (its `lang`, `last_results`, `last_status`, `comparison`)."""
        self.dashboard = dashboard
        self.folder = Path(folder) if folder is not None else None
        self.button = widgets.Button(description=_(EXPORT), icon="download", layout={"width": "auto"})
        self.button.add_class("motcua-export")
        self.link = widgets.HTML()
        self.link.add_class("motcua-export-link")
        self.button.on_click(lambda _button: self.export())
        self.widget = widgets.VBox([self.button, self.link], layout={"align_items": "flex-start"})
        self.last_zip: Path | None = None

    def export(self) -> Path | None:
        """Write the pack and show the link; the zip's path (None, with a message, before any run)."""
        with use_language(self.dashboard.lang):
            results = self.dashboard.last_results
            if results is None:
                self.link.value = f"<i>{html.escape(_(NOTHING_YET))}</i>"
                return None
            self.button.disabled = True
            try:
                return self._write(results)
            finally:
                self.button.disabled = False

    def _write(self, results) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        out = (self.folder or export_folder()).resolve() / f"motcua-{stamp}"
        files = write_run_pack(results, out / RUN_FOLDER, notes=[self.dashboard.last_status])
        comparison = self.dashboard.comparison
        if comparison.last is not None and comparison.last_table is not None:
            runs = comparison.last
            files += write_compare_pack(comparison.last_table, runs.a, runs.b, out / COMPARE_FOLDER,
                                        notes=list(runs.warnings))
        archive = Path(shutil.make_archive(str(out), "zip", root_dir=out))
        data = base64.b64encode(archive.read_bytes()).decode("ascii")
        names = ", ".join(str(path.relative_to(out)) for path in files)
        self.link.value = (
            f"<a href='data:application/zip;base64,{data}' download='{archive.name}' "
            f"style='font-weight:600'>⬇ {html.escape(_(DOWNLOAD).format(name=archive.name))}</a>"
            f"<div style='font-size:11px;color:#495057;max-width:1100px'>"
            f"{html.escape(_(WRITTEN).format(folder=out, files=names))}</div>")
        self.last_zip = archive
        return archive
