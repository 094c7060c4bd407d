"""Romanized Japanese: folding marks and long vowels, kana to romaji, long-vowel spellings.

A Japanese name reaches English text in several romanizations of one reading: passport
("Kono", "Kohno"), wapuro ("Kouno"), macron ("Kōno"), circumflex ("Kôno"). The gazetteer stores
one canonical spelling (plus the Hepburn or kana reading); everything here derives the others,
so they are never typed per person.
"""

from __future__ import annotations

import re
import unicodedata

import regex


def strip_marks(s: str) -> str:
    """Lower-case ASCII-ish fold: macrons and circumflexes removed ("Kōno" -> "kono")."""
    s = s.lower()
    if s.isascii():
        return s
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


OH_RE = re.compile(r"oh(?![aeiou])")
OO_RE = re.compile(r"oo(?!$)")  # a long o inside a word (not a final "oo")
NM_RE = re.compile(r"n(?=[bmp])")  # n before b, m, p: written m in passport spelling


def lexicon_keys(token: str) -> tuple[str, ...]:
    """Keys to look a romanized Japanese token up in the lexicon (passport, oh- and wapuro forms)."""
    k = strip_marks(token)
    keys = [k]
    if "oh" in k:
        k2 = OH_RE.sub("o", k)
        if k2 != k:
            keys.append(k2)
    return tuple(keys)


def passport_forms(wapuro: str) -> set[str]:
    """Forms under which a dataset reading (wapuro: "satou", "oosaka") may appear in text."""
    w = wapuro.strip().lower()
    forms = {w}
    p = w.replace("ou", "o").replace("uu", "u")
    p = OO_RE.sub("o", p)
    forms.add(p)
    for f in list(forms):
        forms.add(NM_RE.sub("m", f))
    return {f for f in forms if f}


_JP_SYLLABLES = regex.compile(
    r"^(?:(?:kk|ss|tt|pp|tch|cch|t(?=ch))?(?:ky|gy|sh|ch|j|ny|hy|by|py|my|ry|ts|[kgsztdnhbpmyrwf])?[aeiou](?:h(?![aeiou]))?|n(?![aeiouy])|m(?=[bmp]))+$"
)
_CJK_SYLLABLES = regex.compile(
    r"^(?:(?:ch|sh|zh|kk|tt|pp|ss|jj|ts|[bcdfghjklmnpqrstwxyz])?(?:[aeiouy]|ü)+(?:ng|n|r|m|k|l|p|t)?)+$"
)


def looks_japanese(token: str) -> bool:
    return bool(_JP_SYLLABLES.match(strip_marks(token)))


def looks_cjk_given(token: str) -> bool:
    return all(_CJK_SYLLABLES.match(part) for part in strip_marks(token).split("-") if part) and bool(token)


def fold_long(s: str) -> str:
    s = OH_RE.sub("o", strip_marks(s)).replace("'", "").replace("’", "")
    return NM_RE.sub("m", s)


# --------------------------------------------------------------------------- kana -> romaji

_KANA = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o", "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so", "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no", "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he", "ほ": "ho",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo", "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro", "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go", "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do", "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po", "ゔ": "vu",
}
_YOUON = {"ゃ": "a", "ゅ": "u", "ょ": "o"}


def kana_to_wapuro(kana: str) -> str | None:
    """Hiragana/katakana reading -> wapuro romaji ("こうの" -> "kouno"); None if it can't."""
    s = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kana.strip())
    out: list[str] = []
    geminate = False
    for c in s:
        if c in _YOUON:
            if not out:
                return None
            prev = out.pop()
            base = prev[:-1]
            if base in ("sh", "ch", "j"):
                out.append(base + _YOUON[c])
            else:
                out.append(base + "y" + _YOUON[c])
            continue
        if c in "っッ":
            geminate = True
            continue
        if c == "ー":
            if not out:
                return None
            out.append(out[-1][-1])
            continue
        r = _KANA.get(c)
        if r is None:
            return None
        if geminate:
            r = ("t" + r) if r.startswith("ch") else (r[0] + r)
            geminate = False
        out.append(r)
    return "".join(out)


# Long-vowel spelling styles: how a long O / long U is written.
_LONG_STYLES = (
    ("o", "u"),  # passport / news ASCII
    ("oh", "u"),  # passport "oh" (Kohno)
    ("ou", "uu"),  # wapuro
    ("oo", "uu"),
    ("ô", "û"),  # circumflex
    ("ō", "ū"),  # macron
)


def _long_vowel_template(text: str, wapuro: bool) -> list[str] | None:
    """Split a lower-case reading into literal pieces and long-vowel markers "<O>" / "<U>"."""
    s = text.lower()
    out: list[str] = []
    i = 0
    found = False
    while i < len(s):
        c = s[i]
        if c in "ōô":
            out.append("<O>"); found = True; i += 1; continue
        if c in "ūû":
            out.append("<U>"); found = True; i += 1; continue
        if wapuro and s.startswith(("ou", "oo"), i):
            out.append("<O>"); found = True; i += 2; continue
        if wapuro and s.startswith("uu", i):
            out.append("<U>"); found = True; i += 2; continue
        out.append(c)
        i += 1
    return out if found else None


def long_vowel_variants(canonical: str, hepburn: str | None, kana: str | None) -> set[str]:
    """Lower-case spellings of one name token: ASCII, oh, ou, oo, circumflex, macron.

    Built from the Hepburn form when given, else from the kana reading; used only when the
    ASCII style reproduces the canonical spelling (so a wrong reading never adds variants).
    """
    forms = {canonical.lower()}
    templates: list[list[str]] = []
    if hepburn:
        forms.add(hepburn.lower())
        h = hepburn.replace("’", "'")
        for x in {h, h.replace("'", "")}:
            t = _long_vowel_template(x, wapuro=False)
            if t is not None:
                templates.append(t)
    elif kana:
        w = kana_to_wapuro(kana)
        if w:
            t = _long_vowel_template(w, wapuro=True)
            if t is not None:
                templates.append(t)
    for template in templates:
        ascii_form = "".join({"<O>": "o", "<U>": "u"}.get(p, p) for p in template)
        if fold_long(ascii_form) != fold_long(canonical):
            continue
        for o, u in _LONG_STYLES:
            forms.add("".join({"<O>": o, "<U>": u}.get(p, p) for p in template))
    return forms

