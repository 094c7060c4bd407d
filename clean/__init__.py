"""clean: one canonical text out of dirty news text.

>>> from clean import Cleaner, clean_text
>>> clean_text("Please view the main text area of the page by skipping the main menu.\\n\\nTalks began.\\n")
'Talks began.\\n'
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import Cleaner, clean_text, default_cleaner
from .changes import Change, ReplayError, Result, Suggestion, replay
from .errors import CleanError, ConfigError, DecodeError, FixedPointError, NotTextError, RuleFileError, RuleTimeoutError

__all__ = [
    "Change",
    "CleanError",
    "Cleaner",
    "ConfigError",
    "DecodeError",
    "FixedPointError",
    "NotTextError",
    "Result",
    "RuleFileError",
    "ReplayError",
    "RuleTimeoutError",
    "Suggestion",
    "__version__",
    "clean_text",
    "default_cleaner",
    "replay",
]
