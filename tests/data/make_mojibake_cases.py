"""Write tests/data/mojibake_cases.json: the mojibake table, made by real round trips.

    python tests/data/make_mojibake_cases.py          # rewrite the table
    python tests/data/make_mojibake_cases.py --check  # fail if the table on disk is stale

Deterministic: no randomness, no clock, no environment input; the same ftfy gives the same bytes.

The table has two lists:

* ``cases``: {"label", "original", "broken", "how", "expect"}. ``broken`` is ``original`` put
  through a real encode/decode round trip (``how`` says which): UTF-8 bytes read as cp1252,
  Latin-1 or MacRoman, twice-encoded UTF-8, cp1252 with the bytes it leaves undefined (0x81 0x8D
  0x8F 0x90 0x9D) passed through or replaced, Shift_JIS bytes read as cp1252, a line half broken
  and half correct, HTML entities, cp1252 read as Latin-1 (C1 controls) ... Every case generated
  is kept: ``expect`` is "fixed" when ``Repairer(DEFAULT_OPTIONS).fix_line(broken) == original``
  and "known-failure" when it is not (then ``ftfy_gives`` shows what ftfy makes of it).
* ``unchanged``: {"label", "text"}: correct text that fix_line must leave alone. A candidate
  that ftfy changes under our config is not a must-not-change case: it is listed in DROPPED with
  the reason, and the generator fails if an undocumented candidate changes (or a documented one
  stops changing), so that a person decides.
"""

from __future__ import annotations

import argparse
import html.entities
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = HERE / "mojibake_cases.json"

# -- the sentences ------------------------------------------------------------------------------

SENTENCES: list[tuple[str, str]] = [
    ("en-kishida", "Prime Minister Fumio Kishida\u2019s cabinet approved the plan on Tuesday \u2014 the first since 2015."),
    ("en-quote", "\u201cWe will respond firmly,\u201d Kishida\u2019s spokesman told reporters in Tokyo."),
    ("en-motegi", "Foreign Minister Toshimitsu Motegi said the talks were \u201cfrank and constructive\u2026\u201d"),
    ("en-yen", "The yen fell to \u00a5150 against the dollar, while the euro traded at \u20ac1.08 \u2014 its lowest in a year."),
    ("en-jose", "Jos\u00e9 M\u00fcller, a spokesman for the caf\u00e9 chain, said prices would rise by 5% starting in April."),
    ("en-segolene", "S\u00e9gol\u00e8ne Royal\u2019s visit to Tokyo \u2014 her first since 2012 \u2014 drew protesters."),
    ("en-celsius", "Temperatures reached 35 \u00b0C in Kyoto on Monday, the Japan Meteorological Agency said."),
    ("en-resume", "The r\u00e9sum\u00e9 of the new envoy, Zo\u00eb Bront\u00eb, lists posts in Z\u00fcrich and S\u00e3o Paulo."),
    ("en-names", "\u00c1lvaro \u00cd\u00f1iguez, \u00d0\u00f3ra \u00ddr and \u00c9mile \u00cfsid\u00e9 met in \u00c5rhus."),
    ("fr-presse", "Le Premier ministre japonais a d\u00e9clar\u00e9 \u00e0 la presse qu\u2019il \u00e9tait \u00ab\u00a0tr\u00e8s pr\u00e9occup\u00e9\u00a0\u00bb."),
    ("fr-royal", "S\u00e9gol\u00e8ne Royal s\u2019est rendue \u00e0 Tokyo, o\u00f9 elle a rencontr\u00e9 des \u00e9lus de la pr\u00e9fecture."),
    ("fr-geneve", "Les n\u00e9gociations reprendront \u00e0 Gen\u00e8ve apr\u00e8s l\u2019\u00e9t\u00e9, a pr\u00e9cis\u00e9 le minist\u00e8re."),
    ("de-maas", "Au\u00dfenminister Heiko Maas \u00e4u\u00dferte sich \u201esehr besorgt\u201c \u00fcber die Lage in Ostasien."),
    ("de-mueller", "Thomas M\u00fcller aus K\u00f6ln \u00fcberraschte die Zuh\u00f6rer mit einer Rede \u00fcber Gr\u00f6\u00dfe."),
    ("es-albares", "El canciller Jos\u00e9 Manuel Albares afirm\u00f3 que \u00abla relaci\u00f3n con Jap\u00f3n es estrat\u00e9gica\u00bb."),
    ("es-cuando", "\u00bfCu\u00e1ndo se firmar\u00e1 el acuerdo? Nadie lo sabe, seg\u00fan fuentes del Ministerio."),
    ("es-munoz", "La se\u00f1ora Mu\u00f1oz, de Logro\u00f1o, recibi\u00f3 el premio en la ceremonia de clausura."),
    ("pt-lula", "O presidente Luiz In\u00e1cio Lula da Silva disse que a reuni\u00e3o com o Jap\u00e3o foi \u201chist\u00f3rica\u201d."),
]

JAPANESE: list[tuple[str, str]] = [
    ("ja-motegi", "\u8302\u6728\u654f\u5145\u5916\u76f8\u306f\uff12\uff17\u65e5\u3001\u30d6\u30ea\u30f3\u30b1\u30f3\u7c73\u56fd\u52d9\u9577\u5b98\u3068\u96fb\u8a71\u3067\u4f1a\u8ac7\u3057\u305f\u3002"),
    ("ja-kishida", "\u5cb8\u7530\u6587\u96c4\u9996\u76f8\u306f\u300c\u7dca\u5f35\u611f\u3092\u6301\u3063\u3066\u5bfe\u5fdc\u3059\u308b\u300d\u3068\u8ff0\u3079\u305f\u3002"),
    ("ja-alliance", "\u65e5\u7c73\u540c\u76df\u306e\u5f37\u5316\u3067\u4e00\u81f4\u3057\u305f\u3002"),
]

# -- round trips --------------------------------------------------------------------------------


def _rt(text: str, enc: str, dec: str, errors: str = "strict") -> str | None:
    """text encoded with ``enc`` and the bytes decoded with ``dec``; None if that cannot happen."""
    import ftfy  # noqa: F401 - registers the sloppy-windows-125x codecs

    try:
        return text.encode(enc).decode(dec, errors)
    except UnicodeError:
        return None


def _entities_named(text: str) -> str:
    out = []
    for ch in text:
        name = html.entities.codepoint2name.get(ord(ch))
        out.append(f"&{name};" if name and (ord(ch) > 127 or ch == "&") else ch)
    return "".join(out)


def _entities_numeric(text: str) -> str:
    return "".join(f"&#{ord(ch)};" if ord(ch) > 127 else ch for ch in text)


def _split(text: str) -> int:
    """Where to cut a sentence in two for the half-broken case: after the first word that
    holds a non-ASCII character, at a space."""
    m = re.search(r"[^\x00-\x7f]\S*\s", text)
    return m.end() if m else len(text) // 2


def latin_cases(label: str, s: str) -> list[tuple[str, str, str]]:
    """(label, broken, how) for one Latin-script sentence."""
    out: list[tuple[str, str, str]] = []
    strict = _rt(s, "utf-8", "cp1252")
    sloppy = _rt(s, "utf-8", "sloppy-windows-1252")
    if strict is not None:
        out.append((f"{label}/utf8-as-cp1252", strict, "UTF-8 bytes decoded as cp1252"))
    else:
        out.append((f"{label}/utf8-as-cp1252-undefined-bytes", sloppy,  # type: ignore[arg-type]
                    "UTF-8 bytes decoded as cp1252, undefined bytes (0x81 0x8D 0x8F 0x90 0x9D) passed through as C1"))
        out.append((f"{label}/utf8-as-cp1252-lossy", _rt(s, "utf-8", "cp1252", "replace"),  # type: ignore[arg-type]
                    "UTF-8 bytes decoded as cp1252, undefined bytes replaced by U+FFFD"))
    out.append((f"{label}/utf8-as-latin1", _rt(s, "utf-8", "latin-1"), "UTF-8 bytes decoded as Latin-1"))  # type: ignore[arg-type]
    mac = _rt(s, "utf-8", "mac_roman")
    if mac is not None:
        out.append((f"{label}/utf8-as-macroman", mac, "UTF-8 bytes decoded as MacRoman"))
    twice = _rt(sloppy, "utf-8", "sloppy-windows-1252") if sloppy else None  # type: ignore[arg-type]
    if twice is not None:
        out.append((f"{label}/utf8-as-cp1252-twice", twice, "UTF-8 -> cp1252 -> UTF-8 -> cp1252 (double encoding)"))
    if sloppy and "\u00a0" in sloppy:
        out.append((f"{label}/utf8-as-cp1252-nbsp-lost", sloppy.replace("\u00a0", " "),
                    "UTF-8 decoded as cp1252, then U+00A0 turned into a plain space"))
    cut = _split(s)
    head = _rt(s[:cut], "utf-8", "sloppy-windows-1252")
    if head is not None and head != s[:cut]:
        out.append((f"{label}/mixed", head + s[cut:], "first part UTF-8 decoded as cp1252, the rest correct"))
    out.append((f"{label}/entities-named", _entities_named(s), "non-ASCII characters written as named HTML entities"))
    out.append((f"{label}/entities-numeric", _entities_numeric(s), "non-ASCII characters written as &#NNNN; references"))
    c1 = _rt(s, "cp1252", "latin-1")
    if c1 is not None and re.search("[\x80-\x9f]", c1):
        out.append((f"{label}/cp1252-as-latin1", c1, "cp1252 bytes decoded as Latin-1: C1 control characters"))
    return out


def japanese_cases(label: str, s: str) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    sloppy = _rt(s, "utf-8", "sloppy-windows-1252")
    out.append((f"{label}/utf8-as-cp1252", sloppy, "UTF-8 bytes decoded as cp1252 (sloppy)"))  # type: ignore[arg-type]
    out.append((f"{label}/utf8-as-latin1", _rt(s, "utf-8", "latin-1"), "UTF-8 bytes decoded as Latin-1"))  # type: ignore[arg-type]
    twice = _rt(sloppy, "utf-8", "sloppy-windows-1252")  # type: ignore[arg-type]
    out.append((f"{label}/utf8-as-cp1252-twice", twice, "UTF-8 -> cp1252 -> UTF-8 -> cp1252"))  # type: ignore[arg-type]
    sjis = _rt(s, "shift_jis", "sloppy-windows-1252")
    if sjis is not None:
        out.append((f"{label}/sjis-as-cp1252", sjis, "Shift_JIS bytes decoded as cp1252 (sloppy)"))
    out.append((f"{label}/entities-numeric", _entities_numeric(s), "characters written as &#NNNN; references"))
    return out


# Hand-made lines for the shapes the sentence loop does not produce on its own.
EXTRA: list[tuple[str, str, str, str]] = [
    ("entity-amp", "Tom & Jerry", "Tom &amp; Jerry", "&amp; in plain text"),
    ("entity-rsquo", "Kishida\u2019s plan", "Kishida&rsquo;s plan", "&rsquo; in plain text"),
    ("entity-8217", "Kishida\u2019s plan", "Kishida&#8217;s plan", "&#8217; in plain text"),
    ("entity-x2019", "Kishida\u2019s plan", "Kishida&#x2019;s plan", "&#x2019; in plain text"),
    ("entity-eacute", "Caf\u00e9 de Flore", "Caf&eacute; de Flore", "&eacute; in plain text"),
    ("entity-upper", "P\u00c9REZ", "P&EACUTE;REZ", "upper-cased entity name"),
    ("entity-mdash", "Tokyo \u2014 Monday", "Tokyo &mdash; Monday", "&mdash; in plain text"),
    ("entity-nbsp", "10\u00a0km", "10&nbsp;km", "&nbsp; in plain text"),
    ("c1-rsquo", "Kishida\u2019s plan", "Kishida\x92s plan", "cp1252 0x92 read as Latin-1: U+0092"),
    ("c1-quotes", "\u201cYes,\u201d he said \u2013 twice\u2026", "\x93Yes,\x94 he said \x96 twice\x85", "cp1252 quotes, dash, ellipsis read as Latin-1"),
    ("c1-euro", "\u20ac5 and \u2122", "\x805 and \x99", "cp1252 0x80 and 0x99 read as Latin-1"),
    ("ansi-colour", "Breaking: quake in Chiba", "\x1b[31mBreaking:\x1b[0m quake in Chiba", "ANSI terminal colour codes"),
    ("bom-inside", "Tokyo (Kyodo) -- Talks began.", "\ufeffTokyo (Kyodo) -- Talks began.", "byte order mark at the start"),
    ("nul-inside", "Tokyo talks", "Tokyo\x00 talks", "NUL byte inside a line"),
    ("ligature-fi", "The final official figures", "The \ufb01nal o\ufb03cial \ufb01gures", "PDF ligatures"),
    ("nfd-accents", "S\u00e9gol\u00e8ne and Jos\u00e9", "Se\u0301gole\u0300ne and Jose\u0301", "decomposed (NFD) accents"),
    ("a-grave-nbsp-lost", "\u00e0 la carte", "\u00c3 la carte", "UTF-8 of \u00e0 decoded as cp1252 with the 0xA0 byte turned into a space"),
    ("mixed-quote-ok-and-broken", "Kishida\u2019s aide said \u201cno\u201d \u2014 Motegi\u2019s did not",
     "Kishida\u00e2\u20ac\u2122s aide said \u201cno\u201d \u2014 Motegi\u00e2\u20ac\u2122s did not", "one name broken, the rest correct (with curly quotes)"),
    ("mixed-accent-and-broken", "S\u00e9gol\u00e8ne Royal met Jos\u00e9 M\u00fcller",
     "S\u00e9gol\u00e8ne Royal met Jos\u00c3\u00a9 M\u00c3\u00bcller", "one name broken, the other correct"),
]

# -- must-not-change ----------------------------------------------------------------------------

UNCHANGED: list[tuple[str, str]] = [
    ("fr-deja", "C\u2019est d\u00e9j\u00e0 l\u2019\u00e9t\u00e9 : na\u00efve, la cliente du caf\u00e9 a command\u00e9 une cr\u00e8me br\u00fbl\u00e9e."),
    ("fr-deja-straight", "C'est d\u00e9j\u00e0 l'\u00e9t\u00e9"),
    ("fr-naive-cafe", "na\u00efve caf\u00e9"),
    ("fr-guillemets", "Il a dit\u00a0: \u00ab\u00a0\u00c7a va\u00a0?\u00a0\u00bb"),
    ("fr-oeuvre", "\u0152uvre compl\u00e8te et \u0153uvre d\u2019art"),
    ("fr-voila", "voil\u00e0 le travail, \u00e0 la carte"),
    ("fr-segolene", "S\u00e9gol\u00e8ne Royal s\u2019est rendue \u00e0 Tokyo."),
    ("de-strasse", "Die Stra\u00dfe in D\u00fcsseldorf wurde f\u00fcr Fu\u00dfg\u00e4nger gesperrt."),
    ("de-mueller", "Thomas M\u00fcller \u00e4u\u00dferte sich \u201e\u00fcberraschend positiv\u201c."),
    ("de-koeln", "M\u00fcller wins 3\u20131 in K\u00f6ln"),
    ("es-jose", "Jos\u00e9 Luis Rodr\u00edguez afirm\u00f3 que \u00abla situaci\u00f3n es dif\u00edcil\u00bb."),
    ("es-questions", "\u00bfS\u00ed? \u00a1No! dijo el se\u00f1or Mu\u00f1oz."),
    ("pt-names", "\u00c3ngela e \u00c3lvaro s\u00e3o nomes que aparecem em registros antigos."),
    ("pt-joao", "Jo\u00e3o \u00c2ngelo da Concei\u00e7\u00e3o disse que \u00e0s vezes \u00e9 preciso esperar."),
    ("tr-istanbul", "\u0130stanbul\u2019da D\u0131\u015fi\u015fleri Bakan\u0131 \u00c7avu\u015fo\u011flu konu\u015ftu."),
    ("vi-nguyen", "Th\u1ee7 t\u01b0\u1edbng Nguy\u1ec5n Xu\u00e2n Ph\u00fac \u0111\u00e3 ti\u1ebfp B\u1ed9 tr\u01b0\u1edfng."),
    ("pl-lodz", "Zbigniew Rau spotka\u0142 si\u0119 z ambasadorem w \u0141odzi."),
    ("cs-babis", "P\u0159edseda vl\u00e1dy Andrej Babi\u0161 \u0159ekl, \u017ee situace je v\u00e1\u017en\u00e1."),
    ("no-store", "Statsminister Jonas Gahr St\u00f8re m\u00f8tte Japans statsminister."),
    ("is-eth", "\u00d0 is an Icelandic letter, as in \u00deingvellir."),
    ("da-oresund", "\u00d8resund Bridge and \u00c5rhus"),
    ("el-mitsotakis", "\u039f \u03c0\u03c1\u03c9\u03b8\u03c5\u03c0\u03bf\u03c5\u03c1\u03b3\u03cc\u03c2 \u039a\u03c5\u03c1\u03b9\u03ac\u03ba\u03bf\u03c2 \u039c\u03b7\u03c4\u03c3\u03bf\u03c4\u03ac\u03ba\u03b7\u03c2 \u03c3\u03c5\u03bd\u03b1\u03bd\u03c4\u03ae\u03b8\u03b7\u03ba\u03b5."),
    ("ru-lavrov", "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0421\u0435\u0440\u0433\u0435\u0439 \u041b\u0430\u0432\u0440\u043e\u0432 \u0437\u0430\u044f\u0432\u0438\u043b \u0436\u0443\u0440\u043d\u0430\u043b\u0438\u0441\u0442\u0430\u043c."),
    ("uk-kuleba", "\u041c\u0456\u043d\u0456\u0441\u0442\u0440 \u0414\u043c\u0438\u0442\u0440\u043e \u041a\u0443\u043b\u0435\u0431\u0430 \u043f\u0440\u043e\u0432\u0456\u0432 \u0437\u0443\u0441\u0442\u0440\u0456\u0447 \u0443 \u041a\u0438\u0454\u0432\u0456."),
    ("ar-minister", "\u0648\u0632\u064a\u0631 \u0627\u0644\u062e\u0627\u0631\u062c\u064a\u0629 \u0627\u0644\u064a\u0627\u0628\u0627\u0646\u064a \u064a\u0644\u062a\u0642\u064a \u0646\u0638\u064a\u0631\u0647 \u0627\u0644\u0623\u0645\u0631\u064a\u0643\u064a."),
    ("he-minister", "\u05e9\u05e8 \u05d4\u05d7\u05d5\u05e5 \u05d4\u05d9\u05e4\u05e0\u05d9 \u05e0\u05e4\u05d2\u05e9 \u05e2\u05dd \u05e2\u05de\u05d9\u05ea\u05d5."),
    ("hi-modi", "\u092a\u094d\u0930\u0927\u093e\u0928\u092e\u0902\u0924\u094d\u0930\u0940 \u0928\u0930\u0947\u0902\u0926\u094d\u0930 \u092e\u094b\u0926\u0940 \u0928\u0947 \u0915\u0939\u093e\u0964"),
    ("th-pm", "\u0e19\u0e32\u0e22\u0e01\u0e23\u0e31\u0e10\u0e21\u0e19\u0e15\u0e23\u0e35\u0e0d\u0e35\u0e48\u0e1b\u0e38\u0e48\u0e19"),
    ("ja-brackets", "\u300c\u6771\u4eac\u300d\u3001\uff21\uff22\uff23"),
    ("ja-motegi", "\u8302\u6728\u654f\u5145\u5916\u76f8\u306f\uff12\uff17\u65e5\u3001\u30d6\u30ea\u30f3\u30b1\u30f3\u7c73\u56fd\u52d9\u9577\u5b98\u3068\u96fb\u8a71\u3067\u4f1a\u8ac7\u3057\u305f\u3002"),
    ("ja-fip", "\u300c\u81ea\u7531\u3067\u958b\u304b\u308c\u305f\u30a4\u30f3\u30c9\u592a\u5e73\u6d0b\u300d\u306e\u5b9f\u73fe\u306b\u5411\u3051\u3001\uff21\uff33\uff25\uff21\uff2e\u5404\u56fd\u3068\u3082\u9023\u643a\u3059\u308b\u3002"),
    ("ja-halfwidth-kana", "\uff76\uff80\uff76\uff85\u3000\u5168\u89d2\u30b9\u30da\u30fc\u30b9\u3000\uff08\u5171\u540c\uff09"),
    ("ja-kaomoji", "\u00af\\_(\u30c4)_/\u00af"),
    ("zh-hans", "\u4e2d\u56fd\u5916\u4ea4\u90e8\u53d1\u8a00\u4eba\u5728\u4f8b\u884c\u8bb0\u8005\u4f1a\u4e0a\u8868\u793a\uff0c\u4e2d\u65b9\u575a\u51b3\u53cd\u5bf9\u3002"),
    ("zh-hant", "\u65e5\u672c\u5916\u52d9\u5927\u81e3\u8207\u7f8e\u570b\u570b\u52d9\u537f\u901a\u96fb\u8a71\uff0c\u96d9\u65b9\u540c\u610f\u52a0\u5f37\u540c\u76df\u3002"),
    ("ko-call", "\uc815\uc758\uc6a9 \uc678\uad50\ubd80 \uc7a5\uad00\uc740 27\uc77c \ud1a0\ub2c8 \ube14\ub9c1\ucee8 \ubbf8 \uad6d\ubb34\uc7a5\uad00\uacfc \ud1b5\ud654\ud588\ub2e4."),
    ("emoji-party", "Great news \U0001f389\U0001f389 for fans \U0001f44d\U0001f3fd"),
    ("emoji-zwj-family", "Family \U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466 photo"),
    ("emoji-zwj-technologist", "\U0001f469\U0001f3fb\u200d\U0001f4bb woman technologist"),
    ("emoji-rainbow-flag", "\U0001f3f3\ufe0f\u200d\U0001f308 parade"),
    ("emoji-flags", "Tokyo \U0001f1ef\U0001f1f5 Paris \U0001f1eb\U0001f1f7 Seoul \U0001f1f0\U0001f1f7"),
    ("emoji-wales-tags", "Wales \U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"),
    ("emoji-skin-tones", "\U0001f44b\U0001f3fb\U0001f44b\U0001f3fc\U0001f44b\U0001f3fd\U0001f44b\U0001f3fe\U0001f44b\U0001f3ff"),
    ("math-relations", "If x \u2264 y and y \u2265 z then \u2211 a \u2248 \u221a\u03c0"),
    ("math-greek", "\u03a3 \u03a9 \u03c0 \u2264 \u2265 \u2211 \u221a \u221e \u2248 \u2260"),
    ("math-powers", "x\u00b2 + y\u00b3"),
    ("math-times", "x\u00b2 \u00d7 3 = 12"),
    ("math-quantifiers", "\u2200\u03b5 > 0 \u2203\u03b4 > 0"),
    ("currency", "\u20ac100, \u00a350 and \u00a51,200"),
    ("currency-dashes", "\u00a35 \u2013 \u20ac6 \u2013 \u00a57"),
    ("currency-rupee-won", "\u20b983 and \u20a91,300"),
    ("omega", "\u03a9"),
    ("mu", "\u03bc"),
    ("marks", "\u00a9\u00ae\u2122"),
    ("copyright-line", "\u00a9 2021 Kyodo News \u00ae \u2014 all rights reserved\u2122"),
    ("box-drawing", "\u250c\u2500\u2500\u2500\u2500\u2510 \u2502 ok \u2502 \u2514\u2500\u2500\u2500\u2500\u2518 \u2550\u2550\u2550 \u2551"),
    ("half-cups", "1 \u00bd cups of flour"),
    ("degrees", "25 \u00b0C and 77 \u00b0F"),
    ("en-curly", "\u201cWe will respond firmly,\u201d Kishida\u2019s spokesman said \u2014 twice\u2026"),
    ("en-single-curly", "\u2018Maybe later,\u2019 officials said."),
    ("en-dashes", "pages 10\u201312 \u2014 see above"),
    ("en-middot", "Z\u00fcrich \u00b7 Gen\u00e8ve \u00b7 Lugano"),
    ("en-section", "\u00b6 paragraph \u00a7 section"),
    ("en-not-signs", "\u00ac\u00ac double negation"),
    ("accents-upper", "\u00c0\u00c1\u00c2\u00c3\u00c4\u00c5"),
    ("accents-lower", "\u00e0\u00e1\u00e2\u00e3\u00e4\u00e5"),
    ("cyrillic-mojibake-looking", "\u0413\u045e\u0412\u0402\u0412"),
    ("ascii-ampersand", "AT&T and Q&A; R&D"),
    ("markup-entity", "<b>Tom &amp; Jerry</b>"),
    ("fullwidth-latin", "\uff2c\uff2f\uff35\uff24\u3000\uff2e\uff2f\uff29\uff33\uff25\uff33"),
    ("nbsp-number", "10\u00a0000 habitants"),
    ("zwj-devanagari", "\u0915\u094d\u200d\u0937"),
]

# Candidates that ftfy changes under our config: not must-not-change cases. Each reason says why.
DROPPED: dict[str, tuple[str, str]] = {
    "pt-a-tilde-word": (
        "\u00c3 is a letter in Portuguese names like \u00c3ngela.",
        "a line starting 'Ã ' matches BADNESS_RE '^[ÃÂ][ ]' and restore_byte_a0 reads it as UTF-8 "
        "of 'à' whose 0xA0 byte became a space: ftfy makes it 'à is ...'",
    ),
    "ro-a-circumflex-word": (
        "\u00c2 is a letter in Romanian and Portuguese: \u00c2ncora.",
        "'Â ' at the start is read as the UTF-8 lead byte of U+00A0 with the 0xA0 byte lost: ftfy "
        "turns it into a no-break space",
    ),
    "fr-a-la-carte-double-space": (
        "\u00c3  la carte",
        "'Ã' followed by two spaces is the classic mojibake of 'à ' (restore_byte_a0): ftfy gives 'à la carte'",
    ),
    "cyrillic-zwsp-lookalike": (
        "\u0432\u0402\u2039",
        "'вЂ‹' is cp1251 mojibake of U+200B ZERO WIDTH SPACE: ftfy decodes it",
    ),
}

# -- building -----------------------------------------------------------------------------------


def _repairer():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT))
    try:
        from clean.repair import DEFAULT_OPTIONS, Repairer
    except ImportError:  # the package __init__ may be mid-edit: load the module file alone
        import importlib.util

        spec = importlib.util.spec_from_file_location("_clean_repair", ROOT / "clean" / "repair.py")
        mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(mod)  # type: ignore[union-attr]
        DEFAULT_OPTIONS, Repairer = mod.DEFAULT_OPTIONS, mod.Repairer
    return Repairer(DEFAULT_OPTIONS)


def build() -> dict[str, object]:
    import ftfy

    rep = _repairer()
    raw: list[tuple[str, str, str, str]] = []
    for label, s in SENTENCES:
        raw += [(lab, s, broken, how) for lab, broken, how in latin_cases(label, s)]
    for label, s in JAPANESE:
        raw += [(lab, s, broken, how) for lab, broken, how in japanese_cases(label, s)]
    raw += EXTRA

    cases: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    labels: set[str] = set()
    for label, original, broken, how in raw:
        if broken is None or broken == original or (original, broken) in seen:
            continue  # the round trip did not break it, or another one broke it the same way
        seen.add((original, broken))
        assert label not in labels, label
        labels.add(label)
        assert rep.fix_line(original) == original, f"original of {label} is not stable under fix_line"
        got = rep.fix_line(broken)
        case = {"label": label, "original": original, "broken": broken, "how": how}
        if got == original:
            case["expect"] = "fixed"
        else:
            case["expect"] = "known-failure"
            case["ftfy_gives"] = got
        cases.append(case)

    unchanged: list[dict[str, str]] = []
    problems: list[str] = []
    for label, text in UNCHANGED:
        assert label not in labels, label
        labels.add(label)
        if rep.fix_line(text) != text:
            problems.append(f"must-not-change candidate {label!r} is changed by ftfy: {text!r} -> {rep.fix_line(text)!r}")
        unchanged.append({"label": label, "text": text})
    for label, (text, _why) in DROPPED.items():
        if rep.fix_line(text) == text:
            problems.append(f"dropped candidate {label!r} is no longer changed: move it to UNCHANGED")
    if problems:
        raise SystemExit("\n".join(problems))

    return {
        "about": "Generated by tests/data/make_mojibake_cases.py; do not edit by hand.",
        "ftfy_version": ftfy.__version__,
        "cases": cases,
        "unchanged": unchanged,
    }


_INVISIBLE = re.compile("[\x7f-\x9f\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffc\U000e0000-\U000e007f]")


def dumps(table: dict[str, object]) -> str:
    """JSON, readable: mojibake stays visible, invisible and control characters are escaped."""
    text = json.dumps(table, ensure_ascii=False, indent=1)

    def esc(m: re.Match[str]) -> str:
        return "".join(f"\\u{u:04x}" for u in _utf16(m.group(0)))

    return _INVISIBLE.sub(esc, text) + "\n"


def _utf16(ch: str) -> list[int]:
    b = ch.encode("utf-16-be")
    return [int.from_bytes(b[i : i + 2], "big") for i in range(0, len(b), 2)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail if the table on disk differs")
    ap.add_argument("-o", "--output", default=str(OUT))
    args = ap.parse_args(argv)
    table = build()
    text = dumps(table)
    assert json.loads(text) == table
    out = Path(args.output)
    if args.check:
        if not out.exists() or out.read_text("utf-8") != text:
            print(f"{out} is stale: run python {Path(__file__).relative_to(ROOT)}", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    cases = table["cases"]
    known = sum(c["expect"] == "known-failure" for c in cases)  # type: ignore[index,union-attr]
    print(f"wrote {out}: {len(cases)} cases ({known} known failures), "  # type: ignore[arg-type]
          f"{len(table['unchanged'])} must-not-change, {len(DROPPED)} candidates dropped")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
