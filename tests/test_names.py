"""The names kind: policies, guards, generic parts, document time, seeds, gazetteer validation, speed."""

from __future__ import annotations

import datetime as dt
import pickle
import shutil
import time
from pathlib import Path

import pytest

from clean.errors import RuleFileError
from clean.kinds.base import Doc, Env, Rule
from clean.kinds.names import Names
from clean.names import document_date, kana_to_wapuro, long_vowel_variants

from .test_names_cases import RULES_DIR, _rules, build_rules, rule_id, run_names

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# the generic parts alone (the gazetteer switched off): unknown names
GENERIC = ("courtesy-title", "honorific-suffix", "caps-family-name", "family-first-lexicon")


def changed(text: str, **policy) -> str:
    return run_names(text, policy or None).text


# --------------------------------------------------------------------------- rule file


def test_every_part_has_a_rule_and_ids_are_unique():
    rules = _rules()
    parts = [r.options["part"] for r in rules]
    assert sorted(parts) == sorted(set(parts))
    assert {"gazetteer", "time-gated-alias", "courtesy-title", "honorific-suffix", "caps-family-name", "family-first-lexicon"} <= set(parts)
    assert len({r.id for r in rules}) == len(rules)


@pytest.mark.parametrize("rule", _rules(), ids=lambda r: r.id)
def test_rule_examples_alone(rule):
    """Each example, with only its own rule on: change examples give their output, keep examples nothing."""
    for ex in rule.examples:
        res = run_names(ex.input.rstrip("\n"), select=(rule.id,))
        if ex.output is not None:
            assert res.text == ex.output.rstrip("\n"), ex
            assert any(c.rule == rule.id for c in res.changes)
        else:
            assert res.changes == [], (ex, res.changes)
        assert run_names(res.text, select=(rule.id,)).changes == []


@pytest.mark.parametrize("rule", _rules(), ids=lambda r: r.id)
def test_rule_examples_with_all_names_rules(rule):
    for ex in rule.examples:
        res = run_names(ex.input.rstrip("\n"))
        if ex.output is None:
            assert not [c for c in res.changes if c.rule == rule.id]
        else:
            # with every part on, input and output end the same
            assert res.text == run_names(ex.output.rstrip("\n")).text
        assert run_names(res.text).changes == []


# --------------------------------------------------------------------------- policies


def test_family_given_policy_for_japanese_names_only():
    p = {"name_order": "family-given"}
    assert changed("Foreign Minister Toshimitsu Motegi said", **p) == "Foreign Minister Motegi Toshimitsu said"
    assert changed("Mr. MOTEGI Toshimitsu, Minister for Foreign Affairs", **p) == "Motegi Toshimitsu, Minister for Foreign Affairs"
    assert changed("Tarō Kōno met Antony J. Blinken and Wang Yi", **p) == "Kono Taro met Antony Blinken and Wang Yi"
    assert changed("Kim Jong-un and Moon Jae-in", **p) == "Kim Jong-un and Moon Jae-in"
    assert changed("Motegi Toshimitsu said", **p) == "Motegi Toshimitsu said"


def test_family_given_policy_generic_parts():
    p = {"name_order": "family-given"}
    assert run_names("Ms. YAMADA Hanako, Director", p, select=GENERIC).text == "Yamada Hanako, Director"
    assert run_names("Ken Tanaka said", p, select=GENERIC).text == "Tanaka Ken said"
    assert run_names("Tanaka Ken said", p, select=GENERIC).changes == []
    assert run_names("Mr. LEE Sang-hoon said", p, select=GENERIC).text == "Lee Sang-hoon said"


def test_display_is_the_canonical_text_in_every_policy():
    for order in ("given-family", "family-given"):
        assert changed("Osaka Naomi and Ono Yoko", name_order=order) == "Naomi Osaka and Yoko Ono"
    # "George Bush" alone is ambiguous with his father: only the display form and its variants match
    assert changed("George Bush, George W Bush and George H. W. Bush") == "George Bush, George W. Bush and George H. W. Bush"


@pytest.mark.parametrize("order", ["given-family", "family-given"])
def test_policies_are_idempotent(order):
    for text in ["Mr. MOTEGI Toshimitsu and Kishida Fumio", "Fumio Kishida and Ms. KAMIKAWA Yoko", "Taro Kohno, Motegi-san"]:
        once = run_names(text, {"name_order": order}).text
        assert run_names(once, {"name_order": order}).changes == []


def test_honorifics_keep():
    p = {"honorifics": "keep"}
    assert changed("Mr. MOTEGI Toshimitsu, Minister for Foreign Affairs", **p) == "Mr. Toshimitsu Motegi, Minister for Foreign Affairs"
    assert changed("with the Honorable Antony Blinken", **p) == "with the Honorable Antony Blinken"
    assert changed("H.E. Mr. PARK Jin", **p) == "H.E. Mr. Park Jin"
    assert changed("Motegi-san", **p) == "Motegi-san"


def test_honorifics_drop_default():
    assert changed("H.E. Mr. PARK Jin arrived") == "Park Jin arrived"
    assert changed("His Excellency Mr. Wang Yi") == "Wang Yi"
    assert changed("The Honorable Rahm Emanuel said") == "Rahm Emanuel said"
    assert changed("Ms. Kamikawa said") == "Ms. Kamikawa said"
    assert changed("Mr. Suga Monday said") == "Mr. Suga Monday said"
    assert changed("Mr. President Biden") == "Mr. President Biden"
    assert changed("Kishida-sama and Kono-shi") == "Kishida and Kono"


def test_job_titles_are_never_touched():
    for text in [
        "Secretary of State Antony Blinken",
        "Minister for Foreign Affairs Toshimitsu Motegi",
        "Chief Cabinet Secretary Katsunobu Kato",
        "Prime Minister Fumio Kishida",
    ]:
        assert changed(text) == text


def test_preserve_quoted_names():
    text = 'Blinken said: "Motegi Toshimitsu is a friend." Later Motegi Toshimitsu left.'
    assert changed(text, preserve_quoted_names=True) == 'Blinken said: "Motegi Toshimitsu is a friend." Later Toshimitsu Motegi left.'
    assert changed(text) == 'Blinken said: "Toshimitsu Motegi is a friend." Later Toshimitsu Motegi left.'
    # an unclosed quotation runs to the end of its paragraph
    assert changed('"We agreed, Mr. MOTEGI Toshimitsu said', preserve_quoted_names=True) == '"We agreed, Mr. MOTEGI Toshimitsu said'


# --------------------------------------------------------------------------- guards


@pytest.mark.parametrize(
    "text",
    [
        "U.S. STATE DEPARTMENT",
        "the U.S. STATE Department said",
        "NATO and ASEAN leaders met; the LDP agreed.",
        "JAPAN-U.S. SUMMIT",
        "KISHIDA VISITS WASHINGTON",
        "KISHIDA FUMIO VISITS WASHINGTON",
        "SOURCE: KAZUHIRO NOGI/AP VIA NPR",
        "Osaka Governor Hirofumi Yoshimura",
        "Tokyo Electric and Toyota Motor Corp. and Honda Motor",
        "Hiroshima Peace Memorial",
        "the 1993 Kono Statement",
        "Motegi and Blinken agreed",
        "Blinken's trip and Motegi's reply",
        "Donald Blinken, a former ambassador, and Alan Blinken",
        "Defense Minister Nobuo Kishi and former Prime Minister Nobusuke Kishi",
        "Taro Kono and his father Yohei Kono",
        "Shinzo Abe and his father Shintaro Abe",
        "Kim Jong-un's sister, Kim Yo-jong",
        "Naomi Osaka and Yoko Ono",
        "Chinese Foreign Minister Wang Yi and Xi Jinping",
        "COVID-19 and the DPRK",
        "The Osaka-shi office",
        "Big Ben and Prime Minister Theresa May",
        "the price of RICE rose while GATES opened",
        "Mr. Suga Says Japan Will Act On Trade",
        "Mr. Smith Goes to Washington",
        "US Secretaries of State and Defence Begin Asia Tour in Tokyo",
    ],
)
def test_guards_leave_text_alone(text):
    res = run_names(text)
    assert res.text == text
    assert res.changes == []


def test_acronyms_next_to_words_give_no_suggestion():
    res = run_names("Read JSON Lines with the Python API; Unicode NFC and Straight ASCII; CS Lewis.")
    assert res.changes == [] and res.suggestions == []


def test_guards_with_generic_parts_only():
    for text in ["Naomi Osaka", "Yoko Ono", "Park Jin", "Foreign Minister Park Jin", "Wang Yi", "Tokyo Governor", "Osaka Governor", "Toyota Motor"]:
        assert run_names(text, select=GENERIC).changes == [], text


def test_bare_surnames_and_shared_surnames():
    assert changed("Kishi said Kishida agreed") == "Kishi said Kishida agreed"
    assert changed("Kishi Nobuo and Kishida Fumio") == "Nobuo Kishi and Fumio Kishida"
    # a different Kono is not merged into Taro Kono
    assert changed("Kono Yohei and Kono Taro") == "Yohei Kono and Taro Kono"


def test_possessive_and_boundaries():
    assert changed("Motegi Toshimitsu's remarks") == "Toshimitsu Motegi's remarks"
    assert changed("(Kishida Fumio)") == "(Fumio Kishida)"
    assert changed("pro-Kishida Fumio-style") == "pro-Kishida Fumio-style"


def test_blocklist_text_is_never_rewritten_to_the_person():
    res = run_names("Secretary Donald Blinken")
    assert res.text == "Secretary Donald Blinken" and res.changes == []


def test_context_gated_alias():
    assert changed("Secretary of State John Blinken") == "Secretary of State Antony Blinken"
    assert changed("U.S. John Blinken") == "U.S. Antony Blinken"
    assert changed("John Blinken, a student") == "John Blinken, a student"


# --------------------------------------------------------------------------- generic parts


def test_caps_family_name_generic():
    assert run_names("Ms. YAMADA Hanako, Director-General", select=GENERIC).text == "Hanako Yamada, Director-General"
    assert run_names("Mr. LEE Sang-hoon, Ambassador", select=GENERIC).text == "Lee Sang-hoon, Ambassador"
    res = run_names("John SMITH said", select=GENERIC)
    assert res.text == "John SMITH said" and res.changes == []
    assert any("John Smith" in s.message for s in res.suggestions)


def test_lone_caps_family_name_of_a_known_person():
    assert changed("Minister MOTEGI stated") == "Minister Motegi stated"
    assert changed("Secretary BLINKEN and Minister MOTEGI met") == "Secretary Blinken and Minister Motegi met"
    assert changed("Minister SATO stated") == "Minister SATO stated"  # not a known person
    assert changed("Mr. MOTEGI said") == "Mr. Motegi said"
    assert changed("the price of RICE rose") == "the price of RICE rose"  # only after a title


def test_family_first_lexicon():
    assert run_names("Tanaka Ken said", select=GENERIC).text == "Ken Tanaka said"
    assert run_names("Tokyo Governor Koike Yuriko", select=GENERIC).text == "Tokyo Governor Yuriko Koike"
    assert run_names("Osaka Naomi won", select=GENERIC).text == "Naomi Osaka won"
    res = run_names("Sugamo Hiroshi said", select=GENERIC)
    assert res.text == "Sugamo Hiroshi said"
    assert any("Hiroshi Sugamo" in s.message for s in res.suggestions)


def test_family_first_lexicon_suggest_action():
    rules = [r for r in _rules() if r.options["part"] == "family-first-lexicon"]
    r = rules[0]
    r2 = Rule(r.id, r.name, r.kind, r.stage, r.summary, r.why, {**r.options, "action": "suggest"}, r.examples, r.path, r.line, base_dir=r.base_dir)
    kind = Names.compile([r2], Env({"name_order": "given-family"}))
    doc = Doc(["Tanaka Ken said"], policy=kind.env.policy, log=[])
    kind.apply(doc)
    assert doc.lines == ["Tanaka Ken said"]
    assert any("Ken Tanaka" in s.message for s in doc.suggestions)


def test_suggest_only_aliases():
    res = run_names("Lin Fangzheng and Kim Jong Un")
    assert res.text == "Lin Fangzheng and Kim Jong Un"
    assert {s.text for s in res.suggestions} >= {"Lin Fangzheng", "Kim Jong Un"}


# --------------------------------------------------------------------------- document time


def test_document_date_policy():
    assert document_date(["Press Releases", "January 27, 2021", "On January 27th, ..."]) == (dt.date(2021, 1, 27), "date line")
    assert document_date(["Published: 16 March 2021 10:30 JST", "x"]) == (dt.date(2021, 3, 16), "date line")
    lines = ["Minister Mogi (Reuters file photo, Jan. 8, 2021)", "talks in Tokyo on March 16, 2021", "the 1993 statement"]
    assert document_date(lines) == (dt.date(2021, 3, 16), "latest date in text")
    assert document_date(["No date here, only 2021."]) == (None, None)


def test_document_date_is_stored_in_meta():
    res = run_names("March 17, 2021\nPrime Minister Kan said")
    assert res.doc.meta["date"] == dt.date(2021, 3, 17)
    assert res.text == "March 17, 2021\nPrime Minister Suga said"


def test_time_window_from_office_holders():
    text = "Chief Cabinet Secretary Katsunobu Kato said Prime Minister Kan would visit Washington."
    res = run_names(text)
    assert res.text == "Chief Cabinet Secretary Katsunobu Kato said Prime Minister Suga would visit Washington."
    assert res.doc.meta["date_source"] == "office holders"
    assert res.changes[0].rule == rule_id("time-gated-alias")
    assert res.changes[0].detail["person"] == "jp.suga_yoshihide"


def test_office_window_uses_each_term_not_their_hull():
    # Motegi was foreign minister 2019-21 and again from 2025: with Blinken (2021-25) the document
    # can only be from 2021, inside the window of the "Mogi" misreading (his first term)
    text = "Secretary of State Antony Blinken met Foreign Minister Toshimitsu Motegi. Later Foreign Minister Mogi said."
    res = run_names(text)
    assert res.text == text.replace("Minister Mogi", "Minister Motegi")
    assert res.doc.meta["date_window"] == (dt.date(2021, 1, 26), dt.date(2021, 11, 4))


def test_window_overlapping_the_alias_and_excluding_the_literal_person_applies():
    # Blinken's term (2021-25) overlaps Suga's (2020-21) and excludes Naoto Kan's (2010-11): the
    # literal reading cannot be right, the misreading can
    text = "Secretary of State Antony Blinken said Prime Minister Kan would visit."
    res = run_names(text)
    assert res.text == text.replace("Minister Kan", "Minister Suga")
    assert res.changes[0].rule == rule_id("time-gated-alias")


def test_window_touching_the_literal_persons_term_leaves_the_alias():
    # Hillary Clinton was secretary of state 2009-13: the window overlaps Suga's time as chief
    # cabinet secretary (from 2012-12-26) but also Naoto Kan's term (2010-11), when "Kan" was right
    text = "Secretary of State Hillary Clinton said Chief Cabinet Secretary Kan would visit."
    res = run_names(text)
    assert res.text == text
    assert any("Suga" in s.message for s in res.suggestions)


def test_undecidable_time_leaves_text_and_suggests():
    for text in [
        "Prime Minister Kan plans to visit.",
        # a former office-holder dates nothing
        "former Chief Cabinet Secretary Katsunobu Kato said Prime Minister Kan would visit.",
    ]:
        res = run_names(text)
        assert res.text == text
        assert any("Suga" in s.message for s in res.suggestions), text


def test_time_gated_alias_respects_context():
    assert changed("March 16, 2021\nformer Prime Minister Kan") == "March 16, 2021\nformer Prime Minister Kan"
    assert changed("March 16, 2021\nPrime Minister Kan Naoto") == "March 16, 2021\nPrime Minister Naoto Kan"
    assert changed("March 16, 2021\nMogi Ken and Foreign Minister Mogi") == "March 16, 2021\nKen Mogi and Foreign Minister Motegi"
    # a one-word alias followed by a given name is part of another person's name
    assert changed("March 16, 2021\nForeign Minister Mogi Ken said") == "March 16, 2021\nForeign Minister Ken Mogi said"
    # misreadings date a document as well as the canonical name does
    text = "Foreign Minister Toshimichi Motegi and NATO Secretary General Jens Stoltenberg. Foreign Minister Mogi said."
    assert run_names(text).text == run_names(run_names(text).text).text


# --------------------------------------------------------------------------- variants


def test_variant_generation():
    assert kana_to_wapuro("こうの たろう".split()[0]) == "kouno"
    assert kana_to_wapuro("きょうこ") == "kyouko"
    assert kana_to_wapuro("はっとり") == "hattori"
    assert long_vowel_variants("Kono", None, "こうの") >= {"kono", "kohno", "kouno", "kōno", "kôno"}
    assert long_vowel_variants("Kono", "Kōno", None) >= {"kono", "kohno", "kouno", "kōno", "kôno", "koono"}
    # a reading that does not give the canonical spelling adds nothing
    assert long_vowel_variants("Inoue", None, "いのうえ") == {"inoue"}


def test_derived_spellings_of_a_gazetteer_person():
    for text in ["Taro Kohno", "Tarou Kouno", "Tarō Kōno", "Tarô Kôno", "KONO Taro", "Taro KONO", "Kohno Taro"]:
        assert changed(text) == "Taro Kono", text
    assert changed("Lloyd J. Austin III said") == "Lloyd Austin said"
    assert changed("Lloyd Austin III said") == "Lloyd Austin said"
    assert changed("Antony J Blinken said") == "Antony Blinken said"


# --------------------------------------------------------------------------- seeds


def _canonical(text: str) -> str:
    """What the names stage sees: single spaces, trimmed lines, ASCII quotes."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return "\n".join(" ".join(line.split()) for line in text.replace("\r\n", "\n").split("\n"))


SEED_CHANGES = {
    "000": [],
    "001": [
        ("Hayashi Yoshimasa", "Yoshimasa Hayashi", "jp.hayashi_yoshimasa"),
        ("Motegi Toshimitsu", "Toshimitsu Motegi", "jp.motegi_toshimitsu"),
        ("Kishida Fumio", "Fumio Kishida", "jp.kishida_fumio"),
    ],
    "002": [
        ("MOTEGI Toshimitsu", "Toshimitsu Motegi", "jp.motegi_toshimitsu"),
        ("Mr.", "", "jp.motegi_toshimitsu"),
        ("the Honorable", "", "us.blinken_antony"),
    ],
    "003": [
        ("John Blinken", "Antony Blinken", "us.blinken_antony"),
        ("Toshimichi Motegi", "Toshimitsu Motegi", "jp.motegi_toshimitsu"),
        ("Toshimichi Mogi", "Toshimitsu Motegi", "jp.motegi_toshimitsu"),
        ("Toshimichi Shigeki", "Toshimitsu Motegi", "jp.motegi_toshimitsu"),
        ("Kan", "Suga", "jp.suga_yoshihide"),
        ("John Blinken", "Antony Blinken", "us.blinken_antony"),
    ],
    "004": [],
}
CANONICAL_PEOPLE = ["Toshimitsu Motegi", "Antony Blinken", "Lloyd Austin", "Nobuo Kishi", "Yoshihide Suga", "Yoshimasa Hayashi", "Fumio Kishida"]
WRONG = ["Motegi Toshimitsu", "MOTEGI", "Toshimichi", "John Blinken", "Prime Minister Kan", "Hayashi Yoshimasa", "Kishida Fumio", "Honorable"]


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_seed(seed):
    text = _canonical(seed.read_text("utf-8"))
    res = run_names(text)
    got = sorted((c.detail["span"], c.detail["to"], c.detail.get("person")) for c in res.changes)
    assert got == sorted(SEED_CHANGES[seed.stem[:3]])
    for w in WRONG:
        assert w not in res.text, w
    # nothing else renamed: outside the recorded spans the text is the same
    assert len(res.text.split("\n")) == len(text.split("\n"))
    for c in res.changes:
        assert c.after.replace(c.detail["to"], "", 1) if c.detail["to"] else True
    assert run_names(res.text).changes == []


def test_seed_people_are_canonical():
    out = "\n".join(run_names(_canonical(p.read_text("utf-8"))).text for p in sorted(SEEDS.glob("*.txt")))
    for name in CANONICAL_PEOPLE:
        assert name in out, name
    assert "Kim Jong-un" in out and "Wang Yi" in out and "Kim Yo Jong" in out


# --------------------------------------------------------------------------- gazetteer validation


PERSON = '''
[[person]]
id = "jp.tanaka_taro"
origin = "JP"
family = "Tanaka"
given = "Taro"
'''


def _rules_dir(tmp_path: Path, people: str, honorifics: str | None = None) -> Path:
    d = tmp_path / "rules"
    (d / "names").mkdir(parents=True)
    shutil.copytree(RULES_DIR / "names" / "lexicons", d / "names" / "lexicons")
    (d / "names" / "people.toml").write_text("schema_version = 1\n" + people, encoding="utf-8")
    hon = honorifics if honorifics is not None else (RULES_DIR / "names" / "honorifics.toml").read_text("utf-8")
    (d / "names" / "honorifics.toml").write_text(hon, encoding="utf-8")
    (d / "names.toml").write_text((RULES_DIR / "names.toml").read_text("utf-8"), encoding="utf-8")
    return d


def _load(tmp_path: Path, people: str, honorifics: str | None = None):
    d = _rules_dir(tmp_path, people, honorifics)
    return build_rules(d / "names.toml", d)


def _error(tmp_path: Path, people: str, honorifics: str | None = None) -> RuleFileError:
    with pytest.raises(RuleFileError) as info:
        _load(tmp_path, people, honorifics)
    return info.value


def test_good_small_gazetteer(tmp_path):
    rules = _load(tmp_path, PERSON)
    kind = Names.compile(rules, Env({"name_order": "given-family"}))
    doc = Doc(["TANAKA Taro met Tanaka Taro"], policy=kind.env.policy, log=[])
    kind.apply(doc)
    assert doc.lines == ["Taro Tanaka met Taro Tanaka"]


@pytest.mark.parametrize(
    ("people", "message", "key"),
    [
        (PERSON + 'nickname = "T"\n', "unknown key 'nickname'", "person.nickname"),
        (PERSON + '[[person.alias]]\ntext = "Taro T"\nkind = "variant"\nacton = "auto"\n', "unknown key 'acton'", "person.alias.acton"),
        (PERSON + "[[person.alias]]\ntext = \"Tanak\"\nkind = \"variant\"\npreceded_by = ['(Minister']\n", "bad regex", "person.alias.preceded_by"),
        (PERSON + '[[person.alias]]\ntext = "Taro T"\nkind = "typo"\n', "kind must be one of", "person.alias.kind"),
        (PERSON + '[[person.alias]]\ntext = "Taro T"\nkind = "variant"\naction = "always"\n', "action must be", "person.alias.action"),
        (PERSON + '[[person.alias]]\ntext = "Taro T"\nkind = "variant"\ndate_between = ["2020-01-01", 2021-01-01]\n', "TOML date", None),
        (PERSON + '[[person.alias]]\ntext = "Taro T"\nkind = "variant"\ndate_between = [2021-01-01, 2020-01-01]\n', "ends before it starts", "person.alias.date_between"),
        (PERSON + '[[person.role]]\noffice = "x"\ntitle = "Minister"\nfrom = 2021-01-01\nto = 2020-01-01\n', "is before 'from'", "person.role.to"),
        (PERSON + PERSON, "duplicate person id", "person.id"),
        (PERSON.replace('"JP"', '"Japan"'), "origin must be", "person.origin"),
        (PERSON.replace('id = "jp.tanaka_taro"', 'id = "Tanaka Taro"'), "id must look like", "person.id"),
        (PERSON.replace('family = "Tanaka"\n', ""), "missing required key 'family'", "family"),
        (PERSON + 'family_hepburn = "Suzuki"\n', "not a long-vowel spelling", "person.family_hepburn"),
        (PERSON + 'blocklist = ["Taro Tanaka"]\n', "one of the person's own names", "person.blocklist"),
        # an alias mapping to two people without disjoint conditions
        (
            PERSON + '[[person.alias]]\ntext = "T. Tanaka"\nkind = "short"\n'
            + PERSON.replace("tanaka_taro", "tanaka_jiro").replace('"Taro"', '"Jiro"')
            + '[[person.alias]]\ntext = "T. Tanaka"\nkind = "short"\n',
            "also maps to person 'jp.tanaka_taro'",
            "person.alias.text",
        ),
        # a canonical form that is another person's alias
        (
            PERSON + PERSON.replace("tanaka_taro", "tanaka_jiro").replace('"Taro"', '"Jiro"')
            + '[[person.alias]]\ntext = "Taro Tanaka"\nkind = "misreading"\n',
            "canonical name of person 'jp.tanaka_taro'",
            "person.alias.text",
        ),
        # a derived variant of another person, unconditionally
        (
            PERSON + PERSON.replace("tanaka_taro", "tanaka_jiro").replace('"Taro"', '"Jiro"')
            + '[[person.alias]]\ntext = "TANAKA Taro"\nkind = "misreading"\n',
            "canonical name of person",
            "person.alias.text",
        ),
    ],
)
def test_gazetteer_errors(tmp_path, people, message, key):
    e = _error(tmp_path, people)
    assert e.path.endswith("people.toml")
    assert message in str(e), str(e)
    if key:
        assert e.key == key
    assert e.rule and e.rule.startswith("NM")


def test_gazetteer_error_names_the_line(tmp_path):
    e = _error(tmp_path, PERSON + "[[person.alias]]\ntext = \"Tanak\"\nkind = \"variant\"\npreceded_by = ['(Minister']\n")
    assert e.line == 9  # the alias's text line
    assert "people.toml:9" in str(e)


def test_shared_alias_with_disjoint_windows_is_fine(tmp_path):
    people = (
        PERSON + '[[person.alias]]\ntext = "PM Tanaka"\nkind = "short"\ndate_between = [2001-01-01, 2002-01-01]\n'
        + PERSON.replace("tanaka_taro", "tanaka_jiro").replace('"Taro"', '"Jiro"')
        + '[[person.alias]]\ntext = "PM Tanaka"\nkind = "short"\ndate_between = [2010-01-01, 2011-01-01]\n'
    )
    rules = _load(tmp_path, people)
    kind = Names.compile(rules, Env({"name_order": "given-family"}))
    doc = Doc(["May 1, 2010", "PM Tanaka said"], policy=kind.env.policy, log=[])
    kind.apply(doc)
    assert doc.lines == ["May 1, 2010", "Jiro Tanaka said"]


def test_gazetteer_syntax_and_schema_errors(tmp_path):
    e = _error(tmp_path, PERSON + "given = [\n")
    assert "TOML syntax error" in str(e) and e.path.endswith("people.toml")
    d = tmp_path / "b"
    d.mkdir()
    e = _error(d, PERSON.replace("[[person]]", "[[persons]]"))
    assert "unknown key 'persons'" in str(e)


def test_missing_gazetteer_names_the_rule_file(tmp_path):
    d = _rules_dir(tmp_path, PERSON)
    (d / "names" / "people.toml").unlink()
    with pytest.raises(RuleFileError) as info:
        build_rules(d / "names.toml", d)
    assert info.value.key == "gazetteer" and info.value.path.endswith("names.toml")
    assert "gazetteer file not found" in str(info.value)


def test_bad_honorifics_file(tmp_path):
    e = _error(tmp_path, PERSON, honorifics='schema_version = 1\ncourtesy = ["Mr."]\nprefixes = ["Dr."]\n')
    assert e.path.endswith("honorifics.toml") and "unknown key 'prefixes'" in str(e)


def test_bad_part(tmp_path):
    r = _rules()[0]
    bad = Rule(r.id, r.name, r.kind, r.stage, r.summary, r.why, {**r.options, "part": "nicknames"}, r.examples, r.path, r.line, base_dir=r.base_dir)
    with pytest.raises(RuleFileError) as info:
        Names.validate(bad)
    assert info.value.key == "part"


def test_bundled_gazetteer_loads():
    kind = Names.compile(_rules(), Env({"name_order": "given-family"}))
    assert len(kind.index.persons) > 10
    assert len(kind.index) > len(kind.index.persons)


# --------------------------------------------------------------------------- engine contract


def test_kind_is_picklable():
    kind = Names.compile(_rules(), Env({"name_order": "given-family", "honorifics": "drop"}))
    clone = pickle.loads(pickle.dumps(kind))
    doc = Doc(["Mr. MOTEGI Toshimitsu said"], policy=clone.env.policy, log=[])
    clone.apply(doc)
    assert doc.lines == ["Toshimitsu Motegi said"]


def test_records_carry_rule_line_and_detail():
    log: list = []
    kind = Names.compile(_rules(), Env({"name_order": "given-family", "honorifics": "drop"}))
    doc = Doc(["Intro.", "", "Mr. MOTEGI Toshimitsu said"], policy=kind.env.policy, log=log)
    kind.apply(doc)
    assert [(c.rule, c.line) for c in log] == [(rule_id("gazetteer"), 3), (rule_id("courtesy-title"), 3)]
    assert log[0].before == "Mr. MOTEGI Toshimitsu said" and log[0].after == "Mr. Toshimitsu Motegi said"
    assert log[1].after == "Toshimitsu Motegi said"
    assert log[0].detail == {"person": "jp.motegi_toshimitsu", "span": "MOTEGI Toshimitsu", "to": "Toshimitsu Motegi"}
    assert doc.counts == {rule_id("gazetteer"): 1, rule_id("courtesy-title"): 1}


def test_throughput_on_seed_text():
    text = "\n".join(_canonical(p.read_text("utf-8")) for p in sorted(SEEDS.glob("*.txt")))
    lines = text.split("\n") * 40  # about 1 MB
    kind = Names.compile(_rules(), Env({"name_order": "given-family", "honorifics": "drop"}))
    t = time.perf_counter()
    doc = Doc(list(lines), policy=kind.env.policy)
    kind.apply(doc)
    secs = time.perf_counter() - t
    mb = sum(len(l) + 1 for l in lines) / 1e6
    assert mb / secs > 1.0, f"{mb / secs:.1f} MB/s"


def test_through_the_whole_pipeline():
    from clean import default_cleaner

    c = default_cleaner()
    names = {r.id for r in _rules()}
    if not names & {r.id for r in c.ruleset.rules}:
        pytest.skip("the names rules are not in the bundled rule set")
    res = c.explain((SEEDS / "003_329ee69e2b26a6ec.txt").read_text("utf-8"))
    # The dates of seed 003 stand in a photo caption and a heading that the boilerplate stage
    # drops before the names stage; the office-holders named (Blinken, Motegi, Kishi: early 2021
    # to late 2021) straddle the end of Suga's term, so "Prime Minister Kan" is rewritten only if
    # the engine hands the date over (doc.meta["date"]), else it is reported.
    if "Prime Minister Kan plans" in res.text:
        assert any(s.rule == rule_id("time-gated-alias") and "Suga" in s.message for s in res.suggestions)
    else:
        assert "Prime Minister Suga plans" in res.text
    assert "Toshimichi" not in res.text and "John Blinken" not in res.text
    name_changes = [ch for ch in res.changes if ch.rule in names]
    assert name_changes and all(ch.detail.get("person") for ch in name_changes if ch.rule in (rule_id("gazetteer"), rule_id("time-gated-alias")))
    assert c.clean(res.text) == res.text


def test_date_handed_over_by_the_engine_is_used():
    kind = Names.compile(_rules(), Env({"name_order": "given-family", "honorifics": "drop"}))
    doc = Doc(["Prime Minister Kan plans to visit."], policy=kind.env.policy, meta={"date": dt.date(2021, 3, 16)})
    kind.apply(doc)
    assert doc.lines == ["Prime Minister Suga plans to visit."]


def test_typographic_quotes():
    p = {"quotes": "typographic", "preserve_quoted_names": True}
    text = "\u201cKishida Fumio\u2019s plan,\u201d said Kishida Fumio\u2019s aide."
    assert changed(text, **p) == "\u201cKishida Fumio\u2019s plan,\u201d said Fumio Kishida\u2019s aide."


def test_suggest_action_only_for_generic_parts():
    r = next(r for r in _rules() if r.options["part"] == "gazetteer")
    bad = Rule(r.id, r.name, r.kind, r.stage, r.summary, r.why, {**r.options, "action": "suggest"}, r.examples, r.path, r.line, base_dir=r.base_dir)
    with pytest.raises(RuleFileError) as info:
        Names.validate(bad)
    assert info.value.key == "action"


# --------------------------------------------------------------------------- idempotence, generated

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from .test_names_cases import CASES  # noqa: E402

_FRAGMENTS = [c[1] for c in CASES] + [
    "Mr.", "Ms.", "H.E.", "the Honorable", "Hon.", "-san", "-shi", '"', "'s", "-", ",", ".", "(", ")", "U.S.", "NATO",
    "KONO", "Taro", "Kono", "Mogi", "Ken", "Kan", "Prime Minister", "March 16, 2021", "former", "Naoto", "PARK", "Jin",
    "YAMADA", "Hanako", "Tanaka", "Antony", "J.", "Blinken", "III", "Lloyd", "Austin", "Secretary of State", "John",
    "Kim", "Jong", "Un", "Yoko", "Ono", "Osaka", "Naomi", "Sugamo", "Hiroshi", "Motegi", "Toshimitsu", "MOTEGI",
    "Minister", "Tarō", "Kōno", "George", "W.", "Bush", "\u201c", "\u201d", "\u2019", "LEE", "Sang-hoon", "said",
]
_LINE = st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=10).map(lambda xs: " ".join(" ".join(xs).split()))
_POLICIES = [{}, {"name_order": "family-given"}, {"honorifics": "keep"}, {"preserve_quoted_names": True}]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_LINE, min_size=1, max_size=4), st.sampled_from(_POLICIES))
def test_generated_text_is_settled_in_one_run(lines, policy):
    text = "\n".join(lines)
    once = run_names(text, policy)
    again = run_names(once.text, policy)
    assert again.text == once.text
    assert again.changes == []
    assert len(once.text.split("\n")) == len(lines)
