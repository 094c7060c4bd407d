"""Derived readings (rule NM007): a kanji name misread, in Japanese or in pinyin, is rewritten
only where the context pins the person.

The fixtures are written for the project: twelve people of the gazetteer who are not in the seeds,
each with a title they held on a date inside their term, a Japanese misreading of their kanji
(another reading the name dataset attests) and the Mandarin reading of it in pinyin, as machine
translation writes them. Every case runs through the whole pipeline and checks the fixed point.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from clean import Cleaner
from clean.kinds.names import name_index

ROOT = Path(__file__).resolve().parent.parent

# canonical, date line, title held then, Japanese misreading (family-first), pinyin (family-first, joined)
PEOPLE = [
    ("Yasukazu Hamada", "January 10, 2023", "Defense Minister", "Hamada Seiichi", "Bangtian Jingyi"),
    ("Takeshi Iwaya", "March 1, 2025", "Foreign Minister", "Iwaya Tsuyoshi", "Yanwu Yi"),
    ("Yoko Kamikawa", "January 15, 2024", "Foreign Minister", "Kamikawa Akiko", "Shangchuan Yangzi"),
    ("Katsunobu Kato", "February 1, 2021", "Chief Cabinet Secretary", "Kato Masanobu", "Jiateng Shengxin"),
    ("Hirokazu Matsuno", "May 1, 2022", "Chief Cabinet Secretary", "Matsuno Hiroichi", "Songye Boyi"),
    ("Katsuya Okada", "January 5, 2010", "Foreign Minister", "Okada Katsunari", "Gangtian Keye"),
    ("Seiji Maehara", "December 1, 2010", "Foreign Minister", "Maehara Masashi", "Qianyuan Chengsi"),
    ("Tomomi Inada", "January 10, 2017", "Defense Minister", "Inada Tomoyoshi", "Daotian Pengmei"),
    ("Taro Aso", "January 10, 2009", "Prime Minister", "Asami Taro", "Masheng Tailang"),
    ("Hirofumi Hirano", "March 3, 2010", "Chief Cabinet Secretary", "Hirano Hiroaki", "Pingye Bowen"),
    ("Itsunori Onodera", "May 1, 2013", "Defense Minister", None, "Xiaoyesi Wudian"),
    ("Shinjiro Koizumi", "December 1, 2025", "Defense Minister", None, "Xiaoquan Jincilang"),
]


def _spaced(pinyin: str) -> str:
    """"Bangtian Jingyi" -> "Bangtian Jing Yi": the given name spaced syllable by syllable."""
    import re

    fam, giv = pinyin.split()
    return f"{fam} " + " ".join(s.capitalize() for s in re.findall(r"(?:[^aeiouv]*[aeiouv]+(?:ng|n(?![aeiou])|r(?![aeiou]))?)", giv.lower()))


def _readings(row: tuple[str, str, str, str | None, str]) -> list[str]:
    _, _, _, jp, py = row
    out = [py, " ".join(reversed(py.split())), _spaced(py)]
    if jp:
        out += [jp, " ".join(reversed(jp.split()))]
    return out


CASES = [pytest.param(row, reading, id=f"{row[0]}-{reading}") for row in PEOPLE for reading in _readings(row)]


def _rewrites(cleaner: Cleaner, text: str) -> list:
    res = cleaner.explain(text)
    assert cleaner.clean(res.text) == res.text
    return res


def test_the_fixtures_are_people_outside_the_seeds():
    seeds = " ".join(p.read_text("utf-8") for p in (ROOT / "seeds").iterdir())
    assert len(PEOPLE) >= 10
    for canonical, *_ in PEOPLE:
        assert canonical.split()[-1] not in seeds, canonical


def test_spaced_pinyin_splits_syllables():
    assert _spaced("Bangtian Jingyi") == "Bangtian Jing Yi"
    assert _spaced("Masheng Tailang") == "Masheng Tai Lang"


@pytest.mark.parametrize(("row", "reading"), CASES)
def test_reading_after_a_title_held_at_the_time_is_rewritten(row, reading, cleaner):
    canonical, date, title, _, _ = row
    res = _rewrites(cleaner, f"{date}\n\n{title} {reading} said the talks would continue.\n")
    assert res.text == f"{date}\n\n{title} {canonical} said the talks would continue.\n"
    ch = [c for c in res.changes if c.rule == "NM007"]
    assert ch, res.changes
    # the log says kanji -> reading -> canonical, and what pinned the person
    detail = ch[0].detail
    assert reading in detail["reading"] and detail["reading"].endswith(canonical)
    assert any("\u4e00" <= c <= "\u9fff" for c in detail["reading"])
    assert detail["context"].startswith("title")


@pytest.mark.parametrize("row", PEOPLE, ids=lambda r: r[0])
def test_reading_in_apposition_is_rewritten(row, cleaner):
    canonical, date, title, jp, py = row
    reading = jp or py
    res = _rewrites(cleaner, f"{date}\n\n{reading}, Japan's {title.lower()}, said the talks would continue.\n")
    assert res.text == f"{date}\n\n{canonical}, Japan's {title.lower()}, said the talks would continue.\n"


@pytest.mark.parametrize("row", PEOPLE, ids=lambda r: r[0])
def test_reading_after_an_earlier_full_mention_is_rewritten(row, cleaner):
    canonical, _, _, jp, py = row
    reading = py
    res = _rewrites(cleaner, f"{canonical} arrived in Beijing.\n\nLater {reading} said the talks would continue.\n")
    assert res.text == f"{canonical} arrived in Beijing.\n\nLater {canonical} said the talks would continue.\n"
    assert any(c.rule == "NM007" and c.detail["context"].startswith("earlier mention") for c in res.changes)


@pytest.mark.parametrize("row", PEOPLE, ids=lambda r: r[0])
def test_reading_without_title_or_earlier_mention_is_only_suggested(row, cleaner):
    _, date, _, jp, py = row
    for reading in filter(None, (jp, py)):
        text = f"{date}\n\nLater {reading} said the talks would continue.\n"
        res = _rewrites(cleaner, text)
        assert res.text == text
        assert any(s.rule == "NM007" and s.text == reading for s in res.suggestions)


def test_a_later_mention_does_not_pin_an_earlier_reading(cleaner):
    text = "Hamada Seiichi said.\n\nYasukazu Hamada arrived.\n"
    res = _rewrites(cleaner, text)
    assert res.text.startswith("Hamada Seiichi said.")


def test_a_title_not_held_at_the_documents_time_does_not_pin(cleaner):
    # Hamada was defense minister 2008-09 and 2022-23, not in 2015
    text = "May 1, 2015\n\nDefense Minister Hamada Seiichi said.\n"
    assert _rewrites(cleaner, text).text == text
    # a former office-holder is not pinned by the title either
    text = "January 10, 2023\n\nformer Defense Minister Hamada Seiichi said.\n"
    assert _rewrites(cleaner, text).text == text


def _rules_copy(tmp_path: Path) -> Path:
    d = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", d)
    return d


def test_same_spelling_as_a_chinese_person_in_the_gazetteer_is_never_a_reading(tmp_path, cleaner):
    # 瓦 力 (Tsutomu Kawara) read in pinyin given-first is "Li Wa", a plausible Chinese name
    text = "January 10, 2000\n\nDirector General of the Defense Agency Li Wa said.\n"
    assert "Tsutomu Kawara" in _rewrites(cleaner, text).text
    d = _rules_copy(tmp_path)
    people = d / "names" / "people.toml"
    people.write_text(
        people.read_text("utf-8")
        + '\n[[person]]\nid = "cn.li_wa"\norigin = "CN"\nfamily = "Li"\ngiven = "Wa"\nnative = "李娃"\ndisplay = "Li Wa"\n',
        "utf-8",
    )
    c = Cleaner(d, default_rules=False)
    res = c.explain(text)
    assert res.text == text
    assert not any(ch.rule == "NM007" for ch in res.changes)


def test_a_private_person_listed_in_not_readings_is_never_a_reading(tmp_path, cleaner):
    # Junko is another reading of 順子: a Junko Kawaguchi after Yoriko Kawaguchi would be rewritten
    text = "Yoriko Kawaguchi arrived.\n\nJunko Kawaguchi, a teacher, said.\n"
    assert "Junko" not in _rewrites(cleaner, text).text
    d = _rules_copy(tmp_path)
    (d / "names" / "lexicons" / "not_readings.txt").write_text("# a private person\nJunko Kawaguchi\n", "utf-8")
    res = Cleaner(d, default_rules=False).explain(text)
    assert res.text == text


def test_readings_are_compiled_into_the_one_automaton(cleaner):
    index = name_index(cleaner.pipeline.steps)
    assert index is not None and len(index.readings) > 500
    keys = {r.text.lower() for r in index.readings}
    assert keys <= index.known_keys
    # never a key that names someone else: no reading is a canonical form of anyone
    assert not keys & {f.lower() for f in index.canonical_forms()}
    assert {"hamada seiichi", "shangchuan yangzi", "yangzi shangchuan", "bangtian jing yi"} <= keys


def test_derived_reading_can_be_switched_off():
    c = Cleaner(ignore=["NM007"])
    text = "January 10, 2023\n\nDefense Minister Hamada Seiichi said.\n"
    assert c.clean(text) == text


def test_suggest_lists_the_readings_it_did_not_apply(tmp_path):
    from clean.cli import main

    from .test_suggest import stdin_of

    (tmp_path / "a.txt").write_text("Later Shangchuan Yangzi said the talks would continue.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Foreign Minister Shangchuan Yangzi said.\n", "utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["--suggest", str(tmp_path), "-j", "1"], stdin=stdin_of(b""), stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    text = out.getvalue()
    assert "NM007" in text and "'Shangchuan Yangzi'" in text and "Yoko Kamikawa" in text


# --- on/kun readings (KANJIDIC2 and JMnedict, from rules/names/kanji_readings.tsv), and Korean names through Chinese

# canonical, date line, title held then, misreading (family-first; both orders are tested)
KANJI_READINGS = [
    ("Yoshihide Suga", "March 16, 2021", "Prime Minister", "Kan Yoshihide"),  # 菅: on-reading かん
    ("Taro Kono", "March 1, 2018", "Foreign Minister", "Kawano Taro"),  # 河野: かわの, a JMnedict surname reading
    ("Toshimitsu Motegi", "March 1, 2020", "Foreign Minister", "Moteki Toshimitsu"),  # 茂木: もてき
]
# canonical, date line, title held then, pinyin (family-first, given joined)
KOREAN_PINYIN = [
    ("Park Jin", "March 1, 2023", "Foreign Minister", "Piao Zhen"),  # 朴 振
    ("Yoon Suk Yeol", "June 1, 2023", "President", "Yin Xiyue"),  # 尹 錫悅
    ("Chung Eui-yong", "May 1, 2021", "Foreign Minister", "Zheng Yirong"),  # 鄭 義溶
    ("Kang Kyung-wha", "May 1, 2019", "Foreign Minister", "Kang Jinghe"),  # 康 京和
    ("Cho Tae-yul", "June 1, 2024", "Foreign Minister", "Zhao Duilie"),  # 趙 兌烈
]


def _orders(reading: str, spaced: bool = False) -> list[str]:
    fam, giv = reading.split()
    out = [reading, f"{giv} {fam}"]
    if spaced:
        sp = _spaced(reading)
        if sp != reading:
            out += [sp, " ".join(sp.split()[1:] + [fam])]
    return out


KANJI_CASES = [pytest.param(r, x, id=f"{r[0]}-{x}") for r in KANJI_READINGS for x in _orders(r[3])]
KOREAN_CASES = [pytest.param(r, x, id=f"{r[0]}-{x}") for r in KOREAN_PINYIN for x in _orders(r[3], spaced=True)]


@pytest.mark.parametrize(("row", "reading"), KANJI_CASES + KOREAN_CASES)
def test_kanjidic_and_korean_reading_after_a_title_is_rewritten(row, reading, cleaner):
    canonical, date, title, _ = row
    res = _rewrites(cleaner, f"{date}\n\n{title} {reading} said the talks would continue.\n")
    assert res.text == f"{date}\n\n{title} {canonical} said the talks would continue.\n"
    ch = [c for c in res.changes if c.rule == "NM007"]
    assert ch and ch[0].detail["context"].startswith("title")
    assert any("\u4e00" <= c <= "\u9fff" for c in ch[0].detail["reading"])


@pytest.mark.parametrize(("row", "reading"), KANJI_CASES + KOREAN_CASES)
def test_kanjidic_and_korean_reading_without_context_is_only_suggested(row, reading, cleaner):
    _, date, _, _ = row
    text = f"{date}\n\nLater {reading} said the talks would continue.\n"
    res = _rewrites(cleaner, text)
    assert res.text == text
    assert any(s.rule == "NM007" and s.text == reading for s in res.suggestions)


def test_korean_reading_after_an_earlier_full_mention_is_rewritten(cleaner):
    res = _rewrites(cleaner, "Park Jin arrived in Beijing.\n\nLater Piao Zhen said the talks would continue.\n")
    assert res.text == "Park Jin arrived in Beijing.\n\nLater Park Jin said the talks would continue.\n"


def test_the_per_kanji_derivation_is_capped():
    from clean.names import readings as rd

    idx = name_index(Cleaner().pipeline.steps)
    assert idx is not None
    per_person: dict[int, int] = {}
    for r in idx.readings:
        per_person[r.person] = per_person.get(r.person, 0) + 1
    assert max(per_person.values()) <= rd.MAX_PER_PERSON + 8  # the Korean pinyin forms come on top


# --- the KANJIDIC2 and JMnedict extract (rules/names/kanji_readings.tsv) and its maintainer's script

KANJI_TSV = ROOT / "rules" / "names" / "kanji_readings.tsv"
REGENERATE = "pip install jamdict-data && python tools/make_kanji_readings.py"


def _japanese_parts() -> list[tuple[str, str, str]]:
    """(person id, family kanji, given kanji) of every Japanese person with a two-part ``kanji``."""
    from clean.names.gazetteer import load_gazetteer

    gaz = load_gazetteer(ROOT / "rules" / "names" / "people.toml")
    return [(p.id, *p.kanji.split()) for p in gaz.persons if p.origin == "JP" and p.kanji and len(p.kanji.split()) == 2]


def test_kanji_readings_file_is_well_formed_and_attributed():
    from clean.names.readings import parse_kanji_readings

    text = KANJI_TSV.read_text("utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    head = "\n".join(header)
    for needle in ("KANJIDIC2", "JMnedict", "Electronic Dictionary Research and Development Group", "CC BY-SA 4.0", "tools/make_kanji_readings.py"):
        assert needle in head, f"{KANJI_TSV.name}: the header must name {needle!r}"
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert text.startswith("#") and all(not line.startswith("#") for line in text.splitlines()[len(header):]), "the header comes first, in one block"
    table = parse_kanji_readings(text)  # tabs, kinds, kanji, hiragana, no duplicates
    assert len(rows) == len(table.on) + len(table.names)
    assert rows == sorted(rows, key=lambda r: (("on", "family", "given").index(r.split("\t")[0]), r.split("\t")[1])), "rows in the script's order"
    # nothing the gazetteer does not use: the file is the extract the derivation needs, no more
    parts = _japanese_parts()
    assert set(table.names) == {("family", f) for _, f, _ in parts} | {("given", g) for _, _, g in parts}, f"{KANJI_TSV.name} is out of date: run {REGENERATE}"
    assert set(table.on) == {c for _, f, g in parts for c in f + g}, f"{KANJI_TSV.name} is out of date: run {REGENERATE}"


def test_every_japanese_kanji_name_has_its_readings():
    """A person added to people.toml without regenerating the file would lose their on/kun misreadings."""
    from clean.names.readings import parse_kanji_readings

    table = parse_kanji_readings(KANJI_TSV.read_text("utf-8"))
    missing = []
    for pid, fam, giv in _japanese_parts():
        for kind, k in (("family", fam), ("given", giv)):
            if (kind, k) not in table.names:
                missing.append(f"{pid}: {kind} {k}")
            missing += [f"{pid}: kanji {c} (on-readings)" for c in k if c not in table.on]
    assert not missing, f"{KANJI_TSV.relative_to(ROOT)} lacks readings; run {REGENERATE}:\n" + "\n".join(dict.fromkeys(missing))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("on\t菅", "expected"),
        ("surname\t菅\tかん", "expected"),
        ("on\t茂木\tも", "one kanji"),
        ("family\tSuga\tすが", "kanji string"),
        ("family\t菅\tkan", "hiragana"),
        ("family\t菅\tかん  すが", "hiragana"),
    ],
)
def test_a_malformed_kanji_readings_row_is_reported_with_its_line(row, message):
    from clean.names.gazetteer import NamesDataError
    from clean.names.readings import parse_kanji_readings

    with pytest.raises(NamesDataError, match=message) as e:
        parse_kanji_readings(f"# header\nfamily\t菅\tかん すが\n{row}\n")
    assert e.value.line == 3


def test_a_rules_folder_without_kanji_readings_derives_the_rest(tmp_path):
    """Like a user's own rules folder: no KANJIDIC2/JMnedict readings (菅 "Kan"), the others stay."""
    d = _rules_copy(tmp_path)
    (d / "names" / "kanji_readings.tsv").unlink()
    index = name_index(Cleaner(d, default_rules=False).pipeline.steps)
    assert index is not None
    keys = {r.text.lower() for r in index.readings}
    assert "hamada seiichi" in keys and "jian yiwei" in keys and "kan yoshihide" not in keys


def test_a_kanji_readings_file_named_but_missing_is_a_rule_error(tmp_path):
    from clean.errors import RuleFileError

    d = _rules_copy(tmp_path)
    names = d / "names.toml"
    names.write_text(names.read_text("utf-8").replace('part = "derived-reading"\n', 'part = "derived-reading"\nkanji_readings = "names/nowhere.tsv"\n'), "utf-8")
    with pytest.raises(RuleFileError, match="kanji_readings file not found"):
        Cleaner(d, default_rules=False)


def test_a_malformed_kanji_readings_file_is_a_rule_error_with_its_line(tmp_path):
    from clean.errors import RuleFileError

    d = _rules_copy(tmp_path)
    tsv = d / "names" / "kanji_readings.tsv"
    tsv.write_text(tsv.read_text("utf-8") + "family\t菅\tkan\n", "utf-8")
    with pytest.raises(RuleFileError, match="hiragana") as e:
        Cleaner(d, default_rules=False)
    assert "kanji_readings.tsv" in str(e.value)


def test_the_runtime_needs_no_dictionary_package():
    """jamdict and jamdict-data are the maintainer script's, never the package's."""
    import ast

    for p in (ROOT / "clean").rglob("*.py"):
        for node in ast.walk(ast.parse(p.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] in ("jamdict", "jamdict_data", "sqlite3") for n in names), p
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert "jamdict_data" not in node.value, p
