"""A datatrove pipeline step: ``CleanFormatter`` (needs the ``datatrove`` extra).

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from clean.datatrove import CleanFormatter

    LocalPipelineExecutor(pipeline=[
        JsonlReader("raw/"), CleanFormatter(), JsonlWriter("cleaned/"),
    ], tasks=4).run()

Per-rule counts are datatrove stats named ``clean-<RULE ID>`` (and ``clean-guarded``), so they
add up across tasks in datatrove's ``stats/`` files like its own counters. Keep the writer's
folder outside the reader's: a recursive reader would read the step's own output.
"""

from __future__ import annotations

from typing import Any

from .api import Cleaner
from .errors import require

require("datatrove", "datatrove", "clean.datatrove")

from datatrove.pipeline.formatters.base import BaseFormatter  # noqa: E402 - after the check that names the extra


class CleanFormatter(BaseFormatter):
    """Cleans each document's text with a :class:`clean.Cleaner` (built once per task)."""

    name = "clean"

    def __init__(self, cleaner: Cleaner | None = None, **cleaner_options: Any) -> None:
        super().__init__()
        self._cleaner = cleaner
        self._options = cleaner_options

    @property
    def cleaner(self) -> Cleaner:
        if self._cleaner is None:
            self._cleaner = Cleaner(**self._options)
        return self._cleaner

    def format(self, doc: Any) -> str:  # datatrove passes the Document (or its text in old versions)
        text = doc.text if hasattr(doc, "text") else doc
        result = self.cleaner.run(text)
        for rule, n in result.counts.items():
            self.stat_update(f"clean-{rule}", value=n)
        if result.guarded is not None:
            self.stat_update("clean-guarded")
        return result.text
