"""Decoding: bytes -> str, before any rule runs.

The order, cheapest and surest first:

1. empty input;
2. a byte-order mark (UTF-32 LE/BE before UTF-16 LE/BE, UTF-8 with BOM);
3. binary data is refused (:class:`~clean.errors.NotTextError`): magic numbers of images,
   archives, executables, databases and media, then NUL-heavy or control-heavy data; UTF-16 and
   UTF-32 text *without* a BOM also holds NULs, so it is recognised (alternating NUL pattern,
   then a check that the decoded text is sensible) and decoded instead;
4. ISO-2022-JP/-KR (7-bit, with ESC designations), then plain ASCII, then strict UTF-8: these
   never call the detector, so the common case runs at the codec's speed;
5. otherwise charset-normalizer, restricted first to the encodings news text comes in
   (cp1252/latin-1, shift_jis/cp932, euc_jp, gb18030, big5, euc_kr/cp949), its candidates
   re-ranked with our own plausibility checks (short inputs are hard for any detector) and a
   charset declared in an HTML ``<meta>`` / XML prolog; the unrestricted detector is consulted
   only when those do not fit well (Cyrillic, Greek, Central European ... text).

Nothing is replaced silently: bytes that do not decode raise :class:`~clean.errors.DecodeError`
naming the encoding and the byte offset, unless ``errors="replace"`` (U+FFFD is then used).
Line ends are left as they are (the engine normalizes them); a BOM is removed.
"""

from __future__ import annotations

import codecs
import dataclasses
import functools
import re
import unicodedata

from .errors import DecodeError, NotTextError
from .sniff import BOMS, binary_reason, declared, incremental, magic, sniff

__all__ = ["Decoded", "binary_reason", "decode"]


@dataclasses.dataclass(frozen=True)
class Decoded:
    """Decoded text and how it was obtained."""

    text: str
    """The text; line ends as they were, BOM removed."""
    encoding: str
    """Python codec name actually used, normalized (``codecs.lookup(...).name``): ``"utf-8"``, ``"cp1252"`` ..."""
    confidence: float
    """1.0 for BOM / strict UTF-8 / ASCII / forced / ISO-2022; the detector's own measure otherwise."""
    bom: bool
    method: str
    """``"empty"`` | ``"bom"`` | ``"utf-8"`` | ``"ascii"`` | ``"detector"`` | ``"forced"``"""
    replaced: int = 0
    """Stray bytes decoded as U+FFFD (set for an HTML page with mixed encodings; see ``Cleaner.decode_and_run``)."""


DETECT_SAMPLE = 256 * 1024
"""At most this many bytes are handed to the detector; the whole input is then decoded strictly."""

# ---------------------------------------------------------------------------------------------
# BOMs

_BOM_OF = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}

_SELF_BOM = {
    "utf-8-sig": (codecs.BOM_UTF8,),
    "utf-16": (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE),
    "utf-32": (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE),
}

# ---------------------------------------------------------------------------------------------
# errors


def _codec_name(encoding: str) -> str:
    return codecs.lookup(encoding).name


_NO_LINES = ("utf-16", "utf-32", "utf-7")  # where b"\n" is not a line end


def _failure(
    data: bytes, codec: str, exc: UnicodeDecodeError, *, base: int, hint: str, name: str | None, what: str = ""
) -> DecodeError:
    start = base + exc.start
    end = min(base + exc.end, start + 8)
    bad = data[start:end]
    shown = " ".join(f"0x{b:02x}" for b in bad) or "end of data"
    noun = "bytes" if len(bad) > 1 else "byte"
    where = f"byte offset {start}"
    if not codec.startswith(_NO_LINES):
        line = data.count(b"\n", 0, start) + 1
        where += f" (line {line})"
    msg = f"cannot decode as {codec}{what}: {noun} {shown} at {where}: {exc.reason}; {hint}"
    return DecodeError(msg, name=name)


_HINT_FORCED = "pass errors='replace' to substitute U+FFFD, or another encoding"
_HINT_DETECTED = "pass encoding= to force the right encoding, or errors='replace' to substitute U+FFFD"


def _strict_or_replace(
    data: bytes, codec: str, errors: str, *, base: int = 0, hint: str, name: str | None, what: str = ""
) -> str:
    try:
        return data[base:].decode(codec) if base else data.decode(codec)
    except UnicodeDecodeError as e:
        if errors == "replace":
            return data[base:].decode(codec, "replace")
        raise _failure(data, codec, e, base=base, hint=hint, name=name, what=what) from None


# ---------------------------------------------------------------------------------------------
# ISO-2022 (7-bit, stateful)

_ISO2022_JP = re.compile(rb"\x1b(?:\$[@B]|\$\(D|\(J|\(I|\$A|\$\(C|\.A|\.F|\$\(O|\$\(Q|\$\(P)")
_ISO2022_JP_CODECS = ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_3")


def _iso2022(data: bytes, errors: str, name: str | None) -> Decoded | None:
    if b"\x1b$)C" in data[:4096]:
        codecs_: tuple[str, ...] = ("iso2022_kr",)
    elif _ISO2022_JP.search(data):
        codecs_ = _ISO2022_JP_CODECS
    else:
        return None
    first: UnicodeDecodeError | None = None
    for codec in codecs_:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as e:
            first = first or e
            continue
        return Decoded(text, _codec_name(codec), 1.0, False, "detector")
    assert first is not None
    if errors == "replace":
        return Decoded(data.decode(codecs_[0], "replace"), _codec_name(codecs_[0]), 1.0, False, "detector")
    raise _failure(
        data, _codec_name(codecs_[0]), first, base=0, hint=_HINT_DETECTED, name=name, what=" (it has ISO-2022 escapes)"
    )


# ---------------------------------------------------------------------------------------------
# detection

PREFERRED: tuple[str, ...] = (
    "cp1252",
    "latin_1",
    "shift_jis",
    "cp932",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
    "cp949",
)
"""The encodings news text comes in, in order of preference on a tie."""

SECONDARY: tuple[str, ...] = (
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    "cp874",
    "iso8859_2",
    "koi8_r",
    "koi8_u",
    "iso8859_7",
    "iso8859_8",
    "iso8859_5",
    "iso8859_6",
    "iso8859_9",
    "iso8859_13",
    "iso8859_15",
    "iso8859_16",
)
"""Other encodings still met in news, preferred on a tie over the rest (DOS, Mac, EBCDIC ...)."""

@functools.cache
def _tables() -> tuple[dict[str, tuple[str, ...]], dict[str, int]]:
    """(family, rank): a detector answer -> the codecs of its family, narrowest first (the first
    that decodes is used); a codec -> its preference on a tie. Built at first detection, not at
    import: looking the codecs up loads their modules (CJK tables), which plain text never needs.
    """
    family: dict[str, tuple[str, ...]] = {}
    for members, order in (
        (("cp1252", "latin_1"), ("cp1252", "latin_1")),
        (("shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213"), ("shift_jis", "cp932", "shift_jis_2004")),
        (("euc_jp", "euc_jis_2004", "euc_jisx0213"), ("euc_jp", "euc_jis_2004")),
        (("gb2312", "gbk", "gb18030"), ("gb18030",)),
        (("big5", "big5hkscs", "cp950"), ("big5", "cp950", "big5hkscs")),
        (("euc_kr", "cp949"), ("euc_kr", "cp949")),
    ):
        for m in members:
            family[codecs.lookup(m).name] = tuple(codecs.lookup(o).name for o in order)
    rank = {codecs.lookup(c).name: i for i, c in enumerate(PREFERRED)}
    rank.update({codecs.lookup(c).name: 20 + i for i, c in enumerate(SECONDARY)})
    return family, rank


_JAPANESE = {"shift_jis", "cp932", "shift_jis_2004", "euc_jp", "euc_jis_2004"}
_CJK_CODECS = _JAPANESE | {"gb18030", "big5", "cp950", "big5hkscs", "euc_kr", "cp949"}
# handled before detection (BOM, NUL patterns, escapes) or not ASCII-compatible: never a detector answer
_NOT_ASCII_COMPATIBLE = (
    *("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "utf_7", "hz"),
    *("cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140"),  # EBCDIC
)

_SAFE_SEPARATORS = (b"\n", b" ", b"\t", b".")  # never inside a multi-byte character of these encodings


def _window(data: bytes, anchor: int, limit: int = DETECT_SAMPLE) -> bytes:
    """At most ``limit`` bytes around ``anchor`` (the first byte that is not UTF-8), cut at safe bytes."""
    lo = 0
    if anchor > 4096:
        lo = anchor  # if no separator comes before the anchor, start at it (a lead byte)
        for sep in _SAFE_SEPARATORS:
            i = data.find(sep, anchor - 4096, anchor)
            if i >= 0:
                lo = i + 1
                break
    if len(data) - lo <= limit:
        return data[lo:]
    chunk = data[lo : lo + limit]
    for sep in _SAFE_SEPARATORS:
        i = chunk.rfind(sep)
        if i >= limit // 2:
            return chunk[: i + 1]
    return chunk


@dataclasses.dataclass
class _Candidate:
    codec: str  # normalized codec name
    chaos: float  # the detector's mess ratio for it (0 = clean)
    penalty: float  # our own implausibility, per non-ASCII character
    rank: int  # preference on a tie: PREFERRED, then SECONDARY, then the detector's order
    weight: float  # of the chaos: less on short samples, where it is noisy
    declared: bool = False

    @property
    def score(self) -> float:
        usual = 0.0 if self.rank < len(PREFERRED) else 0.1 if self.rank < 50 else 0.15
        declared = 0.15 if self.declared else 0.0
        return self.weight * self.chaos + 0.5 * self.penalty + usual - declared + self.rank * 1e-4


def _detect(sample: bytes, **kwargs: object) -> list[tuple[str, float]]:
    """charset-normalizer's candidates for ``sample``: ``[(iana name, chaos)]``, best first."""
    from charset_normalizer import from_bytes

    out = []
    for match in from_bytes(sample, **kwargs):  # type: ignore[arg-type]
        out.append((match.encoding, match.chaos))
        out.extend((sub.encoding, match.chaos) for sub in match.submatch)
    return out


_KANA = re.compile("[\u3041-\u30ff]")
_HALFWIDTH_KANA = re.compile("[\uff61-\uff9f]")
_RARE_HAN = re.compile("[\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003ffff]")
_JAMO = re.compile("[\u3131-\u318e]")
_GREEK_CYRILLIC = re.compile("[\u0370-\u04ff]")
_NON_LATIN_LETTER = "[^\\W\\d_\\x00-\\u024f\\u1e00-\\u1eff]"
_MIXED_SCRIPT = re.compile(f"(?<=[A-Za-z]){_NON_LATIN_LETTER}|{_NON_LATIN_LETTER}(?=[A-Za-z])")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_CYRILLIC_VOWELS = re.compile("[аеёиоуыэюяєіїў]", re.I)
# rare dialytika-tonos vowels, dialytika opening a word, a non-final sigma ending one
_GREEK_ODD = re.compile("[\u0390\u03b0]|(?<![^\\W\\d_])[\u03ca\u03cb\u03aa\u03ab]|\u03c3(?![^\\W\\d_])")
_GREEK = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
_GREEK_VOWELS = re.compile("[αεηιουωάέήίόύώϊϋΐΰ]", re.I)
_HAN_OR_HANGUL = "\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff"
_CJK_IN_LATIN_WORD = re.compile(f"(?<=[A-Za-z])[{_HAN_OR_HANGUL}]|[{_HAN_OR_HANGUL}](?=[A-Za-z])")
_LETTER = "[^\\W\\d_]"
# a symbol glued inside a word ("rz\xb9d": cp1250 read as cp1252), after one ("zia\xb3,"), or a
# currency sign before a letter ("\xa3\xf3d"); units (km\xb2), ordinals (n\xba) and \xbf\xa1 are fine
_SYMBOL_IN_WORD = re.compile(
    f"(?<={_LETTER})[\xa1-\xb1\xb4-\xb8\xbb-\xbf\xd7\xf7\u0192\u2020\u2021\u2030](?={_LETTER})"
    f"|(?<=[^\\W\\d_mM])[\xa1-\xa9\xab-\xb9\xbb-\xbf\xd7\xf7\u0192]"
    f"|[\xa2-\xa5\u20ac](?={_LETTER})"
)
_UPPER_AFTER_LOWER = re.compile("(?<=[a-z\xdf-\xff])[\xc0-\xde\u0152\u0160\u0178\u017d]")
_LETTER_BEFORE_DIGIT = re.compile("[^\\W\\d_\x00-\x7f\xaa\xba](?=\\d)")
_SYMBOL_RUN = re.compile("[\x80-\xbf\u0152-\u0192\u02c6-\u02dc\u2013-\u2122]{3,}")
_LATIN_EXTRA = re.compile("[\xc0-\u024f]")
# The letters beyond ASCII each language writes with: a Latin-script text uses one of these sets
# (names aside); a reading that mixes them (Czech \u0159 read as Danish \xf8 next to \xe1) is suspect.
_LANGUAGE_LETTERS = [
    frozenset(s)
    for s in (
        "\xe0\xe2\xe6\xe7\xe9\xe8\xea\xeb\xee\xef\xf4\u0153\xf9\xfb\xfc\xff",  # fr
        "\xe4\xf6\xfc\xdf\xe9",  # de
        "\xe1\xe9\xed\xf3\xfa\xf1\xfc",  # es
        "\xe1\xe2\xe3\xe0\xe7\xe9\xea\xed\xf3\xf4\xf5\xfa\xfc",  # pt
        "\xe0\xe8\xe9\xec\xed\xee\xf2\xf3\xf9\xfa",  # it
        "\xe0\xe7\xe9\xe8\xed\xef\xf2\xf3\xfa\xfc",  # ca
        "\xe1\xe9\xeb\xe8\xef\xed\xf3\xf6\xfc\xfa",  # nl
        "\xe6\xf8\xe5\xe9\xe8\xf3\xf4",  # da, no
        "\xe5\xe4\xf6\xe9\u0161\u017e",  # sv, fi
        "\xe1\xf0\xe9\xed\xf3\xfa\xfd\xfe\xe6\xf6",  # is
        "\xe1\u010d\u010f\xe9\u011b\xed\u0148\xf3\u0159\u0161\u0165\xfa\u016f\xfd\u017e",  # cs
        "\xe1\xe4\u010d\u010f\xe9\xed\u013a\u013e\u0148\xf3\xf4\u0155\u0161\u0165\xfa\xfd\u017e",  # sk
        "\u0105\u0107\u0119\u0142\u0144\xf3\u015b\u017a\u017c",  # pl
        "\xe1\xe9\xed\xf3\xf6\u0151\xfa\xfc\u0171",  # hu
        "\u010d\u0107\u0111\u0161\u017e",  # hr, bs, sl
        "\u0103\xe2\xee\u0219\u021b\u015f\u0163",  # ro
        "\xe7\u011f\u0131\xf6\u015f\xfc\xe2\xee\xfb",  # tr
        "\xe4\xf5\xf6\xfc\u0161\u017e",  # et
        "\u0101\u010d\u0113\u0123\u012b\u0137\u013c\u0146\u0161\u016b\u017e",  # lv
        "\u0105\u010d\u0119\u0117\u012f\u0161\u0173\u016b\u017e",  # lt
        "\xe0\xe1\xe2\xe3\xe8\xe9\xea\xec\xed\xf2\xf3\xf4\xf5\xf9\xfa\xfd\u0103\u0111\u01a1\u01b0",  # vi
    )
]


def _letters_outside_one_language(text: str) -> int:
    letters: dict[str, int] = {}
    for ch in _LATIN_EXTRA.findall(text):
        if ch.isalpha():
            low = ch.lower()[0]
            if low.isascii():
                continue
            letters[low] = letters.get(low, 0) + 1
    if not letters:
        return 0
    total = sum(letters.values())
    covered = max(sum(n for ch, n in letters.items() if ch in lang) for lang in _LANGUAGE_LETTERS)
    return total - covered


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


_PENALTY_CHARS = 16384
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]")
_NON_ASCII_CHARS = re.compile("[^\x00-\x7f]")


def _penalty(codec: str, text: str) -> float:
    """How implausible ``text`` is as news text decoded with ``codec``, per non-ASCII character."""
    text = text[:_PENALTY_CHARS]
    non_ascii = _non_ascii(text)
    if not non_ascii:
        return 0.0
    bad = 4.0 * len(_CONTROL_CHARS.findall(text))
    bad += 4 * sum(1 for ch in _NON_ASCII_CHARS.findall(text) if unicodedata.category(ch) in ("Co", "Cn", "Cs"))
    bad += 2 * len(_RARE_HAN.findall(text)) + 2 * len(_JAMO.findall(text))
    bad += len(_HALFWIDTH_KANA.findall(text))
    bad += 1.5 * len(_CJK_IN_LATIN_WORD.findall(text))
    if codec in _CJK_CODECS:
        bad += len(_GREEK_CYRILLIC.findall(text))  # in the CJK sets, but rare in CJK news
        if codec not in _JAPANESE:
            bad += len(_KANA.findall(text))  # kana in Chinese or Korean text is unusual
        elif not _KANA.search(text) and non_ascii >= 8:
            bad += 0.25 * non_ascii  # Japanese prose is never all kanji
    else:
        bad += len(_SYMBOL_IN_WORD.findall(text)) + len(_UPPER_AFTER_LOWER.findall(text))
        bad += len(_LETTER_BEFORE_DIGIT.findall(text))
        bad += sum(len(m) for m in _SYMBOL_RUN.findall(text))
        bad += _letters_outside_one_language(text)
        bad += len(_MIXED_SCRIPT.findall(text))
        for letters, vowels in ((_CYRILLIC, _CYRILLIC_VOWELS), (_GREEK, _GREEK_VOWELS)):
            n = len(letters.findall(text))
            if n >= 10 and not 0.28 <= len(vowels.findall(text)) / n <= 0.6:
                bad += 0.5 * n  # not a language: a Hebrew or Greek text read as Cyrillic ...
        bad += 2 * len(_GREEK_ODD.findall(text))
    return bad / non_ascii


def _add_candidates(
    sample: bytes, found: list[tuple[str, float]], pool: dict[str, _Candidate], weight: float
) -> list[str]:
    """Add the detector's answers to ``pool`` (each as the narrowest codec of its family that decodes)."""
    added = []
    for name, chaos in found:
        try:
            family = _tables()[0].get(_codec_name(name), (_codec_name(name),))
        except LookupError:
            continue
        for codec in family:
            text = incremental(codec, sample)
            if text is None:
                continue
            old = pool.get(codec)
            if old is None:
                rank = _tables()[1].get(codec, 100 + len(pool))
                pool[codec] = _Candidate(codec, chaos, _penalty(codec, text), rank, weight)
            else:
                old.chaos = min(old.chaos, chaos)
            added.append(codec)
            break
    return added


def _add_broken(sample: bytes, codec: str, pool: dict[str, _Candidate], weight: float) -> None:
    """``codec`` as a candidate if all but a few of the sample's bytes decode with it.

    Then the error names the encoding the text is evidently in (and the offset of its bad bytes),
    rather than the data being read as something that decodes anything (latin-1).
    """
    text = codecs.getincrementaldecoder(codec)("replace").decode(sample, final=False)
    bad = text.count("\ufffd")
    non_ascii = _non_ascii(text)
    if 0 < bad <= max(1, 0.01 * non_ascii) and non_ascii >= 2 * bad:
        pool[codec] = _Candidate(codec, 0.2, _penalty(codec, text), _tables()[1].get(codec, 99), weight)


def _rank(sample: bytes) -> list[_Candidate]:
    """The candidate encodings for ``sample`` (not ASCII, not UTF-8), best first."""
    weight = min(1.0, len(sample) / 64)
    pool: dict[str, _Candidate] = {}
    # every usual encoding that decodes, with its mess ratio (a high threshold so none is dropped)
    _add_candidates(sample, _detect(sample, cp_isolation=list(PREFERRED), threshold=100.0), pool, weight)
    for name in PREFERRED:
        family = _tables()[0][_codec_name(name)]
        if not any(codec in pool for codec in family):
            _add_broken(sample, family[0], pool, weight)
    label = declared(sample)
    if label and label != "utf-8":
        found = _detect(sample, cp_isolation=[label], threshold=100.0) if label not in pool else []
        for codec in _add_candidates(sample, found or [(label, 0.0)], pool, weight):
            pool[codec].declared = True
    ordered = sorted(pool.values(), key=lambda c: c.score)
    best = ordered[0] if ordered else None
    if best is None or best.weight * best.chaos > 0.05 or (best.codec not in _CJK_CODECS and best.penalty > 0):
        # Not a clean fit among the usual encodings: ask the detector about all the others.
        others = _detect(sample, cp_exclusion=[*PREFERRED, *_NOT_ASCII_COMPATIBLE])
        _add_candidates(sample, others[:8], pool, weight)
        ordered = sorted(pool.values(), key=lambda c: c.score)
    return ordered


def _wider(codec: str) -> tuple[str, ...]:
    """``codec`` and the wider codecs of its family (shift_jis -> cp932 -> shift_jis_2004)."""
    family = _tables()[0].get(codec, ())
    return family[family.index(codec) :] if codec in family else (codec,)


def _confidence(chaos: float) -> float:
    return round(max(0.0, min(1.0, 1.0 - chaos)), 3)


def _utf8_profile(data: bytes) -> tuple[int, int]:
    """``(valid multi-byte characters, invalid sequences)`` when reading ``data`` as UTF-8."""
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    ascii_bytes = len(data) - len(data.translate(None, bytes(range(128))))
    return len(text) - ascii_bytes - invalid, invalid


def _not_utf8(
    data: bytes, sample: bytes, err: UnicodeDecodeError, errors: str, name: str | None
) -> Decoded | None:
    """UTF-8 that is damaged (cut short, or a few stray bytes) rather than another encoding."""
    truncated = err.reason == "unexpected end of data" and err.end == len(data)
    if truncated:
        head = data[: err.start]
        if head.isascii():
            return None  # a lone high byte at the end of ASCII text: latin-1 as likely
    else:
        valid, invalid = _utf8_profile(sample)
        if valid < 4 or invalid * 4 > valid:
            return None
    if errors == "replace":
        valid, invalid = _utf8_profile(data)
        return Decoded(data.decode("utf-8", "replace"), "utf-8", round(valid / (valid + invalid), 3), False, "utf-8")
    what = " (the data is UTF-8 cut short)" if truncated else " (the rest is UTF-8: mixed or damaged encoding)"
    raise _failure(data, "utf-8", err, base=0, hint=_HINT_DETECTED, name=name, what=what)


# ---------------------------------------------------------------------------------------------
# decode


def decode(data: bytes, *, encoding: str | None = None, errors: str = "strict", name: str | None = None) -> Decoded:
    """Decode ``data`` to text, detecting the encoding unless ``encoding`` forces one.

    Raises :class:`NotTextError` for binary data and :class:`DecodeError` for bytes that do not
    decode (naming the encoding and the byte offset) unless ``errors="replace"``; ``name``
    (a file name) prefixes every message. ``errors`` is ``"strict"`` or ``"replace"``.
    A forced ``encoding`` skips detection and the NUL heuristics; magic numbers are still refused.
    """
    if errors not in ("strict", "replace"):
        raise ValueError(f"errors must be 'strict' or 'replace', not {errors!r}")
    data = bytes(data) if not isinstance(data, bytes) else data
    if encoding is not None:
        try:
            info = codecs.lookup(encoding)
        except LookupError:
            raise DecodeError(
                f"unknown encoding {encoding!r}: not a Python codec name (e.g. 'utf-8', 'cp1252', 'shift_jis')",
                name=name,
            ) from None
        if not getattr(info, "_is_text_encoding", True):
            raise DecodeError(f"{encoding!r} is not a text encoding (it maps bytes to bytes)", name=name)
    if not data:
        return Decoded("", "utf-8", 1.0, False, "empty")

    if encoding is not None:
        what = magic(data)  # a forced encoding does not make an image text (NUL heuristics are skipped)
        if what:
            raise NotTextError(f"not text: {what}", name=name)
        codec = info.name
        bom = _BOM_OF.get(codec)
        base = len(bom) if bom and data.startswith(bom) else 0
        text = _strict_or_replace(data, codec, errors, base=base, hint=_HINT_FORCED, name=name)
        # utf-8-sig, utf-16 and utf-32 remove their BOM themselves
        had_bom = bool(base) or (codec in _SELF_BOM and data.startswith(_SELF_BOM[codec]))
        return Decoded(text, codec, 1.0, had_bom, "forced")

    for bom, codec in BOMS:
        if data.startswith(bom):
            if codec == "utf-32-le" and len(data) % 4:
                continue  # FF FE 00 00 opening odd-sized data: UTF-16 LE with a leading U+0000
            text = _strict_or_replace(data, codec, errors, base=len(bom), hint=_HINT_DETECTED, name=name)
            return Decoded(text, codec, 1.0, True, "bom")

    reason, wide = sniff(data)
    if reason:
        raise NotTextError(f"not text: {reason}", name=name)
    if wide:
        codec, confidence = wide
        text = _strict_or_replace(data, codec, errors, hint=_HINT_DETECTED, name=name, what=" (no BOM)")
        return Decoded(text, codec, confidence, False, "detector")

    if data.isascii():
        if b"\x1b" in data:
            iso = _iso2022(data, errors, name)
            if iso:
                return iso
        return Decoded(data.decode("ascii"), "ascii", 1.0, False, "ascii")

    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0, False, "utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    sample = _window(data, utf8_error.start)
    damaged = _not_utf8(data, sample, utf8_error, errors, name)
    if damaged:
        return damaged

    ordered = _rank(sample)
    if ordered:
        best = ordered[0]
        failed: tuple[str, UnicodeDecodeError] | None = None
        for cand in ordered:
            if cand.score > best.score + 0.1:
                break  # a poor reading is no fallback (latin-1 decodes anything)
            for codec in _wider(cand.codec):
                try:
                    text = data.decode(codec)
                except UnicodeDecodeError as e:
                    failed = failed or (codec, e)
                    continue
                return Decoded(text, codec, _confidence(cand.chaos), False, "detector")
        if errors == "replace":
            text = data.decode(best.codec, "replace")
            return Decoded(text, best.codec, _confidence(best.chaos), False, "detector")
        assert failed is not None
        codec, first = failed
        raise _failure(data, codec, first, base=0, hint=_HINT_DETECTED, name=name, what=" (detected)")
    if errors == "replace":
        return Decoded(data.decode("utf-8", "replace"), "utf-8", 0.0, False, "utf-8")
    raise _failure(
        data, "utf-8", utf8_error, base=0, name=name, hint="no other encoding fits either; " + _HINT_DETECTED
    )
