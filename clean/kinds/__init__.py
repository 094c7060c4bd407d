"""The registry of rule kinds: ``KINDS[name] -> Kind subclass`` and each kind's stage."""

from __future__ import annotations

from .base import Kind
from .chars import Layout, LineEndings, NormalizeSpaces, StripCharacters, TranslateCharacters, UnicodeNormalize
from .chrome_block import ChromeBlock
from .ftfy import Ftfy
from .html import Html
from .lines import DedupeParagraphs, DropLine, Replace, StripFragment, TruncateAfter

_ALL: list[type[Kind]] = [
    LineEndings,
    Html,
    Ftfy,
    StripCharacters,
    UnicodeNormalize,
    TranslateCharacters,
    NormalizeSpaces,
    StripFragment,
    ChromeBlock,
    DropLine,
    TruncateAfter,
    DedupeParagraphs,
    Replace,
    Layout,
]

from .names import Names  # noqa: E402

_ALL.append(Names)

KINDS: dict[str, type[Kind]] = {k.KIND: k for k in _ALL}
STAGE_OF: dict[str, str] = {k.KIND: k.STAGE for k in _ALL}
