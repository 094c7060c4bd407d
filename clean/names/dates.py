"""The document's time: its own date, else the window of the office-holders it names.

A time-gated alias ("Prime Minister Kan" written for Suga) is right only at some dates; the
stage needs to know when a document was written. News pages carry a date line; when they do
not, the people named with their titles bound the date (their terms intersect).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_RE = r"(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
_DATE_RE = re.compile(
    rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b"
    rf"|\b(\d{{1,2}})\s+{_MONTH_RE}\s+((?:19|20)\d\d)\b"
    r"|\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b"
    r"|\b((?:19|20)\d\d)/(\d\d?)/(\d\d?)\b"
)
_DATE_LINE_RE = re.compile(
    r"^(?:(?:Published|Updated|Posted|Date)\s*:?\s*)?(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
    r"(?P<d>.+?)(?:\s*(?:,|at|-)?\s*\d{1,2}:\d\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*\w{2,4})?)?\s*$"
)


_YEAR_QUICK = re.compile(r"(?:19|20)\d\d")


def _date_of(m: re.Match[str]) -> _dt.date | None:
    g = m.groups()
    try:
        if g[0]:
            return _dt.date(int(g[2]), _MONTHS[g[0][:3].lower()], int(g[1]))
        if g[3]:
            return _dt.date(int(g[5]), _MONTHS[g[4][:3].lower()], int(g[3]))
        if g[6]:
            return _dt.date(int(g[6]), int(g[7]), int(g[8]))
        if g[9]:
            return _dt.date(int(g[9]), int(g[10]), int(g[11]))
    except (ValueError, KeyError):
        return None
    return None


def document_date(lines: Sequence[str]) -> tuple[_dt.date | None, str | None]:
    """The document's own date, and where it came from.

    Policy: the first *date line* (a line that is only a date, optionally with a weekday, a time
    or "Published:") wins: it is the publication date of press releases and news pages. Else the
    latest full date (day, month and year) mentioned anywhere: a report is written on or after
    the events it dates ("file photo, Jan. 8, 2021" ... "talks in Tokyo on March 16, 2021").
    Dates without a year are ignored.
    """
    latest: _dt.date | None = None
    memo = _LINE_DATES
    for line in lines:
        got = memo.get(line)
        if got is None:
            if len(memo) > 50_000:
                memo.clear()
            got = memo[line] = _line_date(line)
        d, is_date_line = got
        if d is None:
            continue
        if is_date_line:
            return d, "date line"
        if latest is None or d > latest:
            latest = d
    return (latest, "latest date in text") if latest else (None, None)


# line -> what it says of the document's date (a pure function of the line): bounded memo
_LINE_DATES: dict[str, tuple[_dt.date | None, bool]] = {}


def _line_date(line: str) -> tuple[_dt.date | None, bool]:
    """One line's part of :func:`document_date`: (its first date, True) when it is a date line,
    else (the latest date it mentions, False); (None, False) when it names no full date."""
    latest: _dt.date | None = None
    if len(line) < 8 or _YEAR_QUICK.search(line) is None:
        return None, False
    for m in _DATE_RE.finditer(line):
        d = _date_of(m)
        if d is None:
            continue
        if len(line) <= 60:
            dl = _DATE_LINE_RE.match(line.strip())
            if dl and _DATE_RE.fullmatch(dl.group("d").strip()):
                return d, True
        if latest is None or d > latest:
            latest = d
    return latest, False



def union(spans: list[tuple[_dt.date, _dt.date]]) -> list[tuple[_dt.date, _dt.date]]:
    """Sorted disjoint intervals covering ``spans``."""
    out: list[tuple[_dt.date, _dt.date]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def intersect(xs: list[tuple[_dt.date, _dt.date]], ys: list[tuple[_dt.date, _dt.date]]) -> list[tuple[_dt.date, _dt.date]]:
    """The dates in both interval lists, as sorted disjoint intervals."""
    out = []
    for a, b in xs:
        for c, d in ys:
            lo, hi = max(a, c), min(b, d)
            if lo <= hi:
                out.append((lo, hi))
    return union(out)


def gate_open(gate: tuple[_dt.date, _dt.date], literal: tuple[tuple[_dt.date, _dt.date], ...], window: list[tuple[_dt.date, _dt.date]] | None) -> bool:
    """A time-gated alias applies when the document's time overlaps its window and excludes the
    terms of the person the alias literally names (Naoto Kan, for "Prime Minister Kan")."""
    if not window:
        return False
    if not any(a <= gate[1] and gate[0] <= b for a, b in window):
        return False
    return not any(a <= d and c <= b for a, b in window for c, d in literal)
