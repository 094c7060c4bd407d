"""clean.repair: Repairer.fix_line is ftfy.fix_text, line by line, only faster.

The identity is proven on a deterministic corpus (the seeds, real mojibake round trips of them
and of French/German/Spanish/Japanese/Chinese/Korean/... sentences, entities, control
characters, surrogates, ligatures, NFD text, emoji, math, and random strings over the characters
ftfy's badness heuristic looks at), on every BMP character, and for the windowed ``is_bad``
against ftfy's own ``is_bad``. Run with ``-s`` to see the shares and speeds it prints.
"""

from __future__ import annotations

import html.entities
import pickle
import random
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path

import ftfy
import pytest
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES, is_bad

from clean import repair
from clean.repair import DEFAULT_OPTIONS, Repairer, valid_options

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# -- the corpus ---------------------------------------------------------------------------------

CLEAN_FOREIGN = [
    # French
    "Le ministre des Affaires étrangères, Jean-Yves Le Drian, a déclaré à la presse\u00a0: « C’est une étape décisive. »",
    "Ségolène Royal s’est rendue à Tokyo, où elle a rencontré le Premier ministre japonais.",
    "C'est déjà l'été : naïve, la cliente du café a commandé une crème brûlée à 6,50 €.",
    "L’ambassadeur a rappelé que « la coopération franco-japonaise n’a jamais été aussi étroite ».",
    # German
    "Außenministerin Annalena Baerbock traf am Dienstag ihren japanischen Amtskollegen – die Gespräche dauerten über zwei Stunden.",
    "Thomas Müller äußerte sich „überraschend positiv“ über die Zusammenarbeit mit Österreich.",
    "Die Straße in Düsseldorf wurde wegen Bauarbeiten für Fußgänger gesperrt.",
    # Spanish / Portuguese / Catalan
    "El presidente José Luis Rodríguez afirmó que «la situación económica es difícil», según informó la agencia EFE.",
    "¿Qué pasará con los acuerdos? ¡Nadie lo sabe todavía!, dijo el señor Muñoz.",
    "O ministro João Ângelo da Conceição disse que às vezes é preciso esperar pela decisão.",
    "Ãngela e Ãlvaro são nomes que aparecem em listas antigas.",
    "El Barça va guanyar a l'Espanyol per dos gols a un a l'estadi.",
    # Other Latin scripts
    "İstanbul’da düzenlenen zirvede Dışişleri Bakanı Çavuşoğlu konuştu.",
    "Thủ tướng Nguyễn Xuân Phúc đã tiếp Bộ trưởng Ngoại giao Nhật Bản tại Hà Nội.",
    "Minister spraw zagranicznych Zbigniew Rau spotkał się z ambasadorem w Łodzi.",
    "Předseda vlády Andrej Babiš řekl, že situace je vážná a že vláda jedná.",
    "Statsminister Jonas Gahr Støre møtte Japans statsminister i Oslo på tirsdag.",
    "Pääministeri Sanna Marin tapasi Japanin pääministerin Helsingissä.",
    # Greek / Cyrillic / Arabic / Hebrew / Devanagari / Thai
    "Ο πρωθυπουργός Κυριάκος Μητσοτάκης συναντήθηκε με τον Ιάπωνα ομόλογό του στην Αθήνα.",
    "Министр иностранных дел России Сергей Лавров заявил журналистам, что переговоры продолжатся.",
    "Міністр закордонних справ України Дмитро Кулеба провів зустріч у Києві.",
    "وزير الخارجية الياباني يلتقي نظيره الأمريكي في طوكيو.",
    "שר החוץ היפני נפגש עם עמיתו האמריקאי בטוקיו.",
    "प्रधानमंत्री नरेंद्र मोदी ने जापान के प्रधानमंत्री से मुलाकात की।",
    "นายกรัฐมนตรีญี่ปุ่นเดินทางเยือนกรุงเทพฯ เป็นครั้งแรก",
    # Japanese / Chinese / Korean
    "茂木敏充外相は27日、ブリンケン米国務長官と電話会談し、日米同盟の強化で一致した。",
    "「自由で開かれたインド太平洋」の実現に向け、ＡＳＥＡＮ各国とも連携する。",
    "岸田文雄首相は記者団に対し「緊張感を持って対応する」と述べた。（共同）",
    "林芳正外相は２７日午前、ｶﾀｶﾅ表記の文書について説明した。　以上。",
    "中国外交部发言人汪文斌在例行记者会上表示，中方坚决反对。",
    "日本外務大臣茂木敏充與美國國務卿布林肯通電話，雙方同意加強同盟。",
    "정의용 외교부 장관은 27일 토니 블링컨 미 국무장관과 통화했다.",
    "한미 양국은 북한 문제에 대해 긴밀히 협력하기로 합의했다.",
    # Emoji, symbols, math, currency
    "Great news 🎉🎉 for fans 👍🏽 — see you in Tokyo 🇯🇵 and Paris 🇫🇷!",
    "Family 👨‍👩‍👧‍👦, rainbow flag 🏳️‍🌈, Wales 🏴󠁧󠁢󠁷󠁬󠁳󠁿, woman technologist 👩🏻‍💻.",
    "If x ≤ y and y ≥ z then ∑ aᵢ ≈ √π · ∞, and ∀ε > 0 ∃δ.",
    "Prices rose to €12.50, £9.99 and ¥1,200 this week; the rupee fell to ₹83.",
    "Add 1 ½ cups of flour; x² + y³ = z, at 25 °C, ±0.5 µm.",
    "© 2021 Kyodo News ® ™ — all rights reserved.",
    "┌──────┐ │ box │ └──────┘",
    "The Ω resistor and the μ-law codec are both fine; so is Å.",
    "Tokyo — On Tuesday … officials said “no comment” and ‘maybe later’.",
    "¯\\_(ツ)_/¯ and (╯°□°)╯︵ ┻━┻ are kaomoji.",
]

MOJIBAKE_CODECS = [
    "sloppy-windows-1252",
    "latin-1",
    "macroman",
    "sloppy-windows-1251",
    "sloppy-windows-1250",
    "iso-8859-2",
    "cp437",
]

NAMES = [("Toshimitsu Motegi", "José Müller"), ("Antony Blinken", "Ségolène Brûlé"), ("Motegi", "Núñez")]

CONTROL_INSERTS = ["\x00", "\x07", "\x1b[31m", "\x1b[0m", "\ufeff", "\u200b", "\x7f", "\x85", "\x92", "\x9d", "\u206a", "\ufffc"]


def _seed_lines() -> list[str]:
    lines: list[str] = []
    for p in sorted(SEEDS.glob("*.txt")):
        lines += p.read_text("utf-8").splitlines()
    return lines


def _curl(s: str) -> str:
    return s.replace("'", "\u2019").replace(' "', " \u201c").replace('" ', "\u201d ").replace(" -- ", " \u2014 ")


def _accent(s: str) -> str:
    for a, b in NAMES:
        s = s.replace(a, b)
    return s


def _utf8_as(s: str, codec: str) -> str | None:
    try:
        return s.encode("utf-8").decode(codec)
    except (UnicodeDecodeError, UnicodeEncodeError):
        return None


def _entities(s: str, rng: random.Random) -> str:
    out = []
    for ch in s:
        r = rng.random()
        if ch == "&":
            out.append("&amp;")
        elif ord(ch) > 127 and r < 0.5:
            name = html.entities.codepoint2name.get(ord(ch))
            out.append(f"&{name};" if name and r < 0.3 else f"&#{ord(ch)};" if r < 0.4 else f"&#x{ord(ch):x};")
        elif ch == "'" and r < 0.3:
            out.append("&#39;")
        else:
            out.append(ch)
    return "".join(out)


def _insert(s: str, piece: str, rng: random.Random) -> str:
    i = rng.randrange(len(s) + 1)
    return s[:i] + piece + s[i:]


def _surrogates(s: str, rng: random.Random) -> str:
    pair = "\ud83d\ude00" if rng.random() < 0.5 else "\ud83c"  # a pair, or a lone high surrogate
    return _insert(s, pair, rng)


def _variants(s: str, rng: random.Random) -> list[str]:
    """Broken and odd versions of one clean line, all by real operations."""
    out: list[str] = []
    for codec in MOJIBAKE_CODECS:
        b = _utf8_as(s, codec)
        if b is not None and b != s:
            out.append(b)
    once = _utf8_as(s, "sloppy-windows-1252")
    if once is not None and once != s:
        twice = _utf8_as(once, "sloppy-windows-1252")
        if twice:
            out.append(twice)
        half = len(s) // 2
        mixed = _utf8_as(s[:half], "sloppy-windows-1252")
        if mixed is not None:
            out.append(mixed + s[half:])  # mojibake and correct text on one line
        out.append(once.replace("\u00a0", " "))  # the no-break space lost
    lossy = s.encode("utf-8").decode("cp1252", errors="replace")
    if lossy != s:
        out.append(lossy)
        out.append(lossy.replace("\ufffd", "?"))
    try:
        out.append(s.encode("shift_jis").decode("sloppy-windows-1252"))
    except UnicodeError:
        pass
    out.append(_entities(s, rng))
    out.append("<p>" + _entities(s, rng) + "</p>")  # markup: entities are kept
    out.append(_insert(s, rng.choice(CONTROL_INSERTS), rng))
    out.append(_surrogates(s, rng))
    out.append(s.replace("fi", "\ufb01").replace("fl", "\ufb02"))
    out.append(unicodedata.normalize("NFD", s))
    out.append(unicodedata.normalize("NFKC", s))
    out.append(s.upper())
    return out


def _fuzz(rng: random.Random, n: int) -> list[str]:
    """Random strings over the characters ftfy's heuristics look at, plus plain ones."""
    pool = set("abcdefxyz ABC  .,'\"-&;<#0123456789\t\u00a0")
    for v in MOJIBAKE_CATEGORIES.values():
        pool |= {c for c in v if c != "-"}
    pool |= {chr(c) for c in range(0x80, 0x100)}
    pool |= set("’‘“”—–…«»東京「」、。ＡＢＣカ한국🎉\u0301\u0308\u200d\ufb01\x1b\x00\ufeff")
    alphabet = sorted(pool)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24))) for _ in range(n)]


@lru_cache(maxsize=1)
def corpus() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(clean lines, all lines): deterministic, a few thousand lines."""
    rng = random.Random(20261122)
    seeds = _seed_lines()
    clean: list[str] = []
    for line in seeds:
        clean += [line, _curl(line), _accent(_curl(line))]
    clean += CLEAN_FOREIGN
    clean = list(dict.fromkeys(clean))
    lines = list(clean)
    for line in clean:
        if line.strip():
            lines += _variants(line, rng)
    lines += _fuzz(rng, 2500)
    return tuple(clean), tuple(dict.fromkeys(lines))


@pytest.fixture(scope="module")
def rep() -> Repairer:
    return Repairer(DEFAULT_OPTIONS)


# -- identity -----------------------------------------------------------------------------------


def test_corpus_is_big_and_deterministic():
    clean, lines = corpus()
    corpus.cache_clear()
    assert corpus() == (clean, lines)
    assert len(lines) > 3000
    assert not any("\n" in line for line in lines)


def test_fix_line_is_ftfy_fix_text_on_the_corpus(rep):
    cfg = rep.config
    _, lines = corpus()
    bad = [line for line in lines if rep.fix_line(line) != ftfy.fix_text(line, config=cfg)]
    assert bad == []


def test_explain_line_gives_fix_line_text(rep):
    _, lines = corpus()
    for line in lines:
        fixed, steps = rep.explain_line(line)
        assert fixed == rep.fix_line(line), line
        assert all(isinstance(s, tuple) and len(s) == 2 for s in steps)
        if fixed == line:
            continue
        assert steps, line  # a change always comes with its steps


def test_needs_repair_false_means_unchanged(rep):
    cfg = rep.config
    _, lines = corpus()
    for line in lines:
        if not rep.needs_repair(line):
            assert ftfy.fix_text(line, config=cfg) == line, line


def test_share_of_clean_lines_skipped(rep):
    clean, lines = corpus()
    skipped = sum(not rep.needs_repair(line) for line in clean)
    changed = sum(ftfy.fix_text(line, config=rep.config) != line for line in clean)
    share = skipped / len(clean)
    print(f"\n[repair] clean lines skipping ftfy: {skipped}/{len(clean)} = {share:.1%} "
          f"(ftfy changes {changed}); all corpus lines skipping: "
          f"{sum(not rep.needs_repair(x) for x in lines)}/{len(lines)}")
    assert share > 0.95
    # lines with curly quotes, dashes and accents but no mojibake skip ftfy too
    assert not rep.needs_repair(_curl('He said "it\'s done" -- and left.'))
    assert not rep.needs_repair("C’est déjà l’été à Zürich — «\u00a0non\u00a0».")


def test_every_bmp_character(rep):
    """Each character in context: if the precheck lets the line through, ftfy leaves it alone."""
    cfg = rep.config
    for cp in list(range(0x10000)) + [0x1F389, 0x1F3FD, 0xE0067, 0x10FFFF]:
        ch = chr(cp)
        for line in (f"Ab {ch}d", ch):
            if not rep.needs_repair(line):
                assert ftfy.fix_text(line, config=cfg) == line, hex(cp)


def test_windowed_is_bad_equals_ftfy_is_bad(rep):
    """The exact but cheap is_bad: random strings dense in the characters BADNESS_RE looks at."""
    rng = random.Random(7)
    pool = set("ab zA. ,\t") | {c for v in MOJIBAKE_CATEGORIES.values() for c in v if c != "-"}
    pool |= {chr(c) for c in range(0x80, 0x100)} | set("ΒΓΞΟВГРСвЂβ€āĀ√≈‚ÄâóàäØÙ")
    alphabet = sorted(pool)
    hits = 0
    for _ in range(40000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        s = rng.choice(["", "xy ", " "]) + s + rng.choice(["", " z", "q"])
        expected = is_bad(s)
        hits += expected
        assert rep._is_bad(s) == expected, s
    assert hits > 1000  # the test exercised both answers
    # every match of BADNESS_RE holds a trigger character (the premise of the window search)
    trig = rep._plan.bad_chars
    assert trig and rep._plan.windowed and rep._plan.bad_width == 7
    for _ in range(20000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
        for m in BADNESS_RE.finditer(s):
            assert set(m.group(0)) & trig, s


def test_fallback_without_the_window_search_is_exact(monkeypatch):
    """If the BADNESS_RE parse is not understood (another ftfy), is_bad runs on every non-ASCII
    line: slower, same results."""
    monkeypatch.setattr(repair, "_badness_filter", lambda: None)
    r = Repairer(DEFAULT_OPTIONS)
    assert not r._plan.windowed and r._plan.any_re is None
    _, lines = corpus()
    for line in lines[::4]:
        assert r.fix_line(line) == ftfy.fix_text(line, config=r.config), line


def test_derived_sets_match_ftfy_source():
    """The witness analysis finds what reading ftfy 6.3.1 finds (and what the fallbacks say)."""
    from ftfy import chardata, fixes

    assert repair._witness(fixes.ANSI_RE) == {"\x1b"}
    assert repair._witness(chardata.HTML_ENTITY_RE) == {"&"}
    assert repair._witness(fixes.SURROGATE_RE) == {chr(c) for c in range(0xD800, 0xE000)}
    assert repair._witness(chardata.SINGLE_QUOTE_RE) == set("\u02bc\u2018\u2019\u201a\u201b")
    assert repair._witness(chardata.DOUBLE_QUOTE_RE) == set("\u201c\u201d\u201e\u201f")
    changed = {chr(c) for c in range(0x10000) if fixes.fix_line_breaks(chr(c)) != chr(c)}
    assert changed <= repair._LINE_BREAKS
    assert repair._windowable(BADNESS_RE) == 7


def test_trigger_set_leaves_out_common_punctuation(rep):
    plan = rep._plan
    for ch in "’‘“”—–…©®™«»\u00a0":
        assert ch not in plan.bad_chars and ch not in plan.always_chars, ch


# -- ftfy's segment rule for "<" ----------------------------------------------------------------


def test_html_auto_rule_per_line(rep):
    assert rep.fix_line("Tom &amp; Jerry &rsquo;s") == "Tom & Jerry ’s"
    assert rep.fix_line("<b>Tom &amp; Jerry</b>") == "<b>Tom &amp; Jerry</b>"
    assert rep.fix_line("a < b &amp; c") == "a < b &amp; c"
    assert rep.explain_line("a < b &amp; c") == ("a < b &amp; c", [])
    assert rep.explain_line("Caf&eacute;") == ("Café", [("apply", "unescape_html")])
    assert rep.fix_line("AT&T and Q&A") == "AT&T and Q&A"
    assert not rep.needs_repair("AT&T and Q&A")


def test_long_line_segments_like_fix_text():
    """Over max_decode_length, fix_text splits the line, and "<" switches entities off for the
    rest of it; explain_line replays that."""
    r = Repairer({"max_decode_length": 16})
    lines = [
        "Caf&eacute; one &amp; two <b> then &amp; three &eacute;",
        "r\u00c3\u00a9sum\u00c3\u00a9 and caf\u00c3\u00a9 and more caf\u00c3\u00a9 text",
        "plain ascii line that is long enough to split",
    ]
    for line in lines:
        expected = ftfy.fix_text(line, config=r.config)
        assert r.fix_line(line) == expected
        assert r.explain_line(line)[0] == expected
    assert r.fix_line(lines[0]).endswith("&amp; three &eacute;")


def test_multi_line_input_is_handed_to_ftfy(rep):
    """Not the engine's contract (it passes single lines), but never wrong: fix_text segments at
    "\n", each segment with its own "<" and "^" rules."""
    for text in ["Tom &amp; Jerry\n<b>x &amp; y</b>\nCaf&eacute;", "x\n\u00c3 la carte", "a\nb"]:
        expected = ftfy.fix_text(text, config=rep.config)
        assert rep.needs_repair(text)
        assert rep.fix_line(text) == expected
        assert rep.explain_line(text)[0] == expected
    assert rep.fix_line("Tom &amp; Jerry\n<b>x &amp; y</b>") == "Tom & Jerry\n<b>x &amp; y</b>"


def test_explain_honours_encoding_sub_options():
    """ftfy ignores these four options when explain=False; our config keeps explain=True so
    that both fix_line and explain_line honour them."""
    broken = "\u00e2\u20ac\u0153 like this \u00e2\u20ac\ufffd"
    default = Repairer(DEFAULT_OPTIONS)
    strict = Repairer({"replace_lossy_sequences": False})
    assert default.fix_line(broken) == "\u201c like this \ufffd"
    assert strict.fix_line(broken) != default.fix_line(broken)
    assert strict.explain_line(broken)[0] == strict.fix_line(broken)
    assert strict.config.explain is True


# -- options ------------------------------------------------------------------------------------


def test_default_options_match_the_rule_file():
    data = tomllib.loads((ROOT / "rules" / "ftfy.toml").read_text("utf-8"))
    tables = [r["ftfy"] for r in data["rule"] if r.get("kind") == "ftfy"]
    assert tables and tables[0] == DEFAULT_OPTIONS


def test_config_is_the_effective_config(rep):
    cfg = rep.config
    assert isinstance(cfg, ftfy.TextFixerConfig)
    for k, v in DEFAULT_OPTIONS.items():
        assert getattr(cfg, k) == v
    assert cfg.fix_character_width is False and cfg.uncurl_quotes is False and cfg.fix_line_breaks is False
    assert cfg.max_decode_length == ftfy.TextFixerConfig().max_decode_length


def test_unknown_option_names_it_and_lists_valid_ones():
    with pytest.raises(ValueError) as e:
        Repairer({"fix_entities": True})
    msg = str(e.value)
    assert "'fix_entities'" in msg
    for name in valid_options():
        assert name in msg
    assert "explain" not in valid_options()


def test_explain_is_not_an_option():
    with pytest.raises(ValueError, match="explain"):
        Repairer({"explain": False})


@pytest.mark.parametrize(
    "options",
    [
        {"uncurl_quotes": "yes"},
        {"unescape_html": "always"},
        {"normalization": "NFX"},
        {"max_decode_length": 0},
        {"max_decode_length": True},
        {"fix_encoding": 1},
    ],
)
def test_bad_values(options):
    with pytest.raises((ValueError, TypeError), match=next(iter(options))):
        Repairer(options)


def test_options_must_be_a_mapping():
    with pytest.raises(TypeError):
        Repairer([("fix_encoding", True)])  # type: ignore[arg-type]


def test_options_override_defaults_only_where_given():
    r = Repairer({"uncurl_quotes": True, "normalization": False})
    assert r.config.uncurl_quotes is True and r.config.normalization is None
    assert r.config.fix_character_width is False  # the project's value, not ftfy's default
    assert r.fix_line("it\u2019s") == "it's"
    assert r.fix_line("Cafe\u0301") == "Cafe\u0301"
    assert Repairer({}).config == Repairer(DEFAULT_OPTIONS).config


@pytest.mark.parametrize(
    "options",
    [
        {"uncurl_quotes": True},
        {"fix_character_width": True},
        {"fix_line_breaks": True},
        {"fix_encoding": False},
        {"unescape_html": True},
        {"unescape_html": False},
        {"remove_control_chars": False},
        {"normalization": "NFKC"},
        {"fix_latin_ligatures": False, "fix_surrogates": False, "fix_c1_controls": False},
    ],
)
def test_identity_under_other_configs(options):
    r = Repairer(options)
    cfg = r.config
    _, lines = corpus()
    extra = ["a\rb", "x\u2028y", "ＬＯＵＤ　ＮＯＩＳＥＳ", "it\u2019s “quoted”", "\x1b[1mbold\x1b[0m"]
    for line in lines[::3] + tuple(extra):
        expected = ftfy.fix_text(line, config=cfg)
        assert r.fix_line(line) == expected, (options, line)
        assert r.explain_line(line)[0] == expected, (options, line)


# -- Japanese and friends are left alone --------------------------------------------------------


def test_width_folding_is_off(rep):
    text = "「東京」、ＡＢＣ"
    assert rep.fix_line(text) == text
    assert rep.explain_line(text) == (text, [])
    assert not rep.needs_repair(text)
    assert rep.fix_line("ｶﾀｶﾅ　全角スペース") == "ｶﾀｶﾅ　全角スペース"


def test_pickle_round_trip(rep):
    r2 = pickle.loads(pickle.dumps(rep))
    assert r2.config == rep.config
    assert r2.fix_line("Kishida\u00e2\u20ac\u2122s") == "Kishida\u2019s"


# -- speed (reported, loosely checked: shared machines drift) -----------------------------------


def test_clean_news_lines_skip_ftfy(rep):
    """The fast path's reach, counted rather than timed (speed is bench/run.py's business):
    every clean seed line, curly quotes and all, is decided without calling ftfy."""
    clean, _ = corpus()
    news = [x for x in clean if x.strip()]
    assert news
    skipped = [x for x in news if not rep.needs_repair(x)]
    assert len(skipped) == len(news), [x for x in news if rep.needs_repair(x)][:3]


@pytest.mark.parametrize("max_len", [500, 5000])
def test_long_lines_are_fixed_segment_by_segment_like_ftfy(max_len):
    """Lines over max_decode_length: ftfy cuts them in slices (with the sticky '<' rule);
    fix_line replays the cut and prechecks each slice, with exactly ftfy's result."""
    import random

    rng = random.Random(max_len)
    parts = ["caf\u00e9 ", "Kishida\u00e2\u20ac\u2122s ", "&amp; ", "<b> ", "plain text ", "\u201cq\u201d ", "\u00c3\u00a9t\u00c3\u00a9 "]
    opts = dict(DEFAULT_OPTIONS, max_decode_length=max_len)
    rep = Repairer(opts)
    for _ in range(4):
        line = "".join(rng.choice(parts) for _ in range(rng.randint(2000, 20000)))
        assert rep.fix_line(line) == ftfy.fix_text(line, config=rep.config)
    clean_line = "plain text caf\u00e9 \u201cq\u201d " * 5000
    assert rep.fix_line(clean_line) == clean_line == ftfy.fix_text(clean_line, config=rep.config)
