"""clean.decode: bytes -> str, on real byte fixtures (tests/fixtures/bytes, made by make_fixtures.py)."""

from __future__ import annotations

import codecs
import gzip
import re
import time
from pathlib import Path

import pytest

import clean.decode as decode_module
from clean.decode import Decoded, binary_reason, decode
from clean.errors import DecodeError, NotTextError

BYTES = Path(__file__).resolve().parent / "fixtures" / "bytes"

# codec families: the detector may answer with the narrow codec or its superset
FAMILY = {
    "cp1252": {"cp1252", "iso8859-1"},
    "shift_jis": {"shift_jis", "cp932"},
    "cp932": {"cp932"},
    "euc_jp": {"euc_jp", "euc_jis_2004"},
    "iso2022_jp": {"iso2022_jp", "iso2022_jp_2", "iso2022_jp_ext"},
    "gb18030": {"gb18030", "gbk", "gb2312"},
    "big5": {"big5", "cp950", "big5hkscs"},
    "euc_kr": {"euc_kr", "cp949"},
}


def read(name: str) -> bytes:
    return (BYTES / name).read_bytes()


def check(d: Decoded, text: str, family: str, method: str) -> None:
    assert d.text == text
    assert d.encoding in FAMILY.get(family, {family}), d.encoding
    assert d.method == method
    assert 0.0 <= d.confidence <= 1.0
    assert "\ufffd" not in d.text


# -- detection on fixtures ------------------------------------------------------------------------

DETECTED = [
    (
        "cp1252_quotes.txt",
        "The minister\u2019s \u201cfinal offer\u201d was rejected \u2014 unions said talks would continue.\n"
        "Shares in the caf\u00e9 chain fell 4% on Monday.\n",
        "cp1252",
    ),
    ("cp1252_short.txt", "He said \u201chello\u201d \u2013 it\u2019s fine", "cp1252"),
    (
        "shift_jis_news.txt",
        "東京都は１日、新たな防災計画を発表した。知事は記者会見で「都民の安全を最優先に取り組む」と述べた。\n",
        "shift_jis",
    ),
    ("shift_jis_short.txt", "政府は今日、新しい経済対策を発表した。", "shift_jis"),
    ("cp932_news.txt", "①番線に電車がまいります。株式会社㈱が発表。\n", "cp932"),
    ("euc_jp_news.txt", "政府は１０日、経済対策の原案をまとめた。物価高への対応が柱となる。\n", "euc_jp"),
    ("euc_jp_short.txt", "日本銀行は金融政策の現状維持を決めた。", "euc_jp"),
    ("iso2022_jp_news.txt", "日本銀行は金融政策決定会合で、大規模緩和の維持を決めた。(Reuters)\n", "iso2022_jp"),
    (
        "gb18030_news.txt",
        "国家统计局15日发布数据显示，今年前三季度国内生产总值同比增长5.2%。专家表示，经济运行总体回升向好。"
        "市场预期明年将保持稳定增长。\n",
        "gb18030",
    ),
    (
        "big5_news.txt",
        "行政院今日召開記者會，宣布新的能源政策。經濟部長表示，將在明年推動再生能源發展。外界預期電價將維持穩定。\n",
        "big5",
    ),
    (
        "euc_kr_news.txt",
        "정부는 15일 새로운 부동산 대책을 발표했다. 전문가들은 시장 안정에 도움이 될 것이라고 전망했다. "
        "한국은행은 기준금리를 동결했다.\n",
        "euc_kr",
    ),
]


@pytest.mark.parametrize(("name", "text", "family"), DETECTED, ids=[d[0] for d in DETECTED])
def test_detected_fixture(name: str, text: str, family: str) -> None:
    d = decode(read(name), name=name)
    check(d, text, family, "detector")
    assert d.bom is False


def test_short_cp1252_text() -> None:
    d = decode(b"He said \x93hello\x94 \x96 it\x92s fine")
    check(d, "He said \u201chello\u201d \u2013 it\u2019s fine", "cp1252", "detector")


def test_utf16le_bom() -> None:
    d = decode(read("utf16le_bom.txt"))
    check(d, "Résumé — Москва and 東京 agreed on Friday.\n", "utf-16-le", "bom")
    assert d.bom is True and d.confidence == 1.0


def test_utf16be_bom() -> None:
    d = decode(read("utf16be_bom.txt"))
    check(d, "Résumé — Москва and 東京 agreed on Friday.\n", "utf-16-be", "bom")
    assert d.bom is True


def test_utf16le_without_bom_is_text_not_binary() -> None:
    data = read("utf16le_nobom.txt")
    assert data.count(b"\x00") > len(data) // 3  # it is NUL-heavy ...
    assert binary_reason(data) is None  # ... but text
    d = decode(data)
    check(d, "Talks resumed in Genève on Tuesday — both sides said “progress” was made.\n", "utf-16-le", "detector")
    assert d.bom is False


def test_utf8_bom_removed() -> None:
    d = decode(read("utf8_bom.txt"))
    check(d, "Zoë Saldaña arrived in São Paulo.\n", "utf-8", "bom")
    assert d.bom is True and d.confidence == 1.0


def test_utf8_crlf_line_ends_kept() -> None:
    d = decode(read("utf8_crlf.txt"))
    check(d, "First line — one\r\nSecond line: “two”\r\nThird\r\n", "utf-8", "utf-8")
    assert d.confidence == 1.0 and d.bom is False


def test_empty_file() -> None:
    assert decode(read("empty.txt")) == Decoded("", "utf-8", 1.0, False, "empty")


def test_png_refused() -> None:
    data = read("tiny.png")
    assert data[12:16] == b"IHDR" and data[-8:-4] == b"IEND"
    assert binary_reason(data) == "PNG image"
    with pytest.raises(NotTextError) as e:
        decode(data, name="tiny.png")
    assert str(e.value) == "tiny.png: not text: PNG image"
    assert e.value.name == "tiny.png"


def test_gzip_refused() -> None:
    data = read("article.txt.gz")
    assert gzip.decompress(data).startswith(b"The minister")
    with pytest.raises(NotTextError, match=r"^article\.txt\.gz: not text: gzip archive$"):
        decode(data, name="article.txt.gz")


def test_invalid_utf8_forced_strict() -> None:
    with pytest.raises(DecodeError) as e:
        decode(read("invalid_utf8.txt"), encoding="utf-8", name="invalid_utf8.txt")
    msg = str(e.value)
    assert msg.startswith("invalid_utf8.txt: cannot decode as utf-8: byte 0xff at byte offset 15 (line 1)")
    assert "errors='replace'" in msg
    assert e.value.name == "invalid_utf8.txt"


def test_invalid_utf8_forced_replace() -> None:
    d = decode(read("invalid_utf8.txt"), encoding="utf-8", errors="replace")
    assert d.text == "Café ok, then \ufffd bad byte\nline two \ufffd( broken\n"
    assert (d.encoding, d.method, d.confidence, d.bom) == ("utf-8", "forced", 1.0, False)


# -- more detection (in memory) -------------------------------------------------------------------

SENTENCES = [
    ("Die Bundesregierung plant höhere Ausgaben für Verteidigung.", "cp1252"),
    ("Le président a déclaré qu’il était prêt à négocier.", "cp1252"),
    ("¿Dónde están los niños?", "cp1252"),
    ("Price: £12 • €15", "cp1252"),
    ("Wybory parlamentarne odbędą się w październiku.", "cp1250"),
    ("Vláda schválila rozpočet na příští rok.", "cp1250"),
    ("В Москве прошла встреча министров иностранных дел.", "cp1251"),
    ("Ο πρωθυπουργός συναντήθηκε με τον πρόεδρο.", "cp1253"),
    ("Türkiye’de enflasyon yüzde 50’yi aştı.", "cp1254"),
    ("トヨタ自動車は新型車を発表した。", "shift_jis"),
    ("トヨタ自動車は新型車を発表した。", "euc_jp"),
    ("中国人民银行宣布下调存款准备金率。", "gb18030"),
    ("台灣的經濟成長率今年預估為3%。", "big5"),
    ("서울시는 대중교통 요금을 인상한다고 밝혔다.", "euc_kr"),
]


@pytest.mark.parametrize(("text", "codec"), SENTENCES, ids=[f"{c}-{t[:12]}" for t, c in SENTENCES])
def test_detected_sentence(text: str, codec: str) -> None:
    d = decode(text.encode(codec))
    assert d.text == text
    assert d.encoding in FAMILY.get(codec, {codecs.lookup(codec).name})
    assert d.method == "detector"


def test_declared_charset_breaks_a_short_tie() -> None:
    html = '<html><head><meta charset="euc-kr"></head><body>서울</body></html>'
    d = decode(html.encode("euc_kr"))
    assert d.text == html and d.encoding in FAMILY["euc_kr"]


def test_iso2022_jp_is_found_before_the_ascii_path() -> None:
    data = "速報：日本銀行".encode("iso2022_jp")
    assert data.isascii()
    d = decode(data)
    assert (d.text, d.encoding, d.method) == ("速報：日本銀行", "iso2022_jp", "detector")


def test_iso2022_kr() -> None:
    d = decode("한국은행은 기준금리를 동결했다.".encode("iso2022_kr"))
    assert (d.text, d.encoding) == ("한국은행은 기준금리를 동결했다.", "iso2022_kr")


def test_ansi_escapes_stay_ascii() -> None:
    d = decode(b"\x1b[31mred\x1b[0m text")
    assert (d.text, d.encoding, d.method) == ("\x1b[31mred\x1b[0m text", "ascii", "ascii")


def test_broken_iso2022_is_an_error_not_ascii() -> None:
    data = b"news: \x1b$B\x46\x7c\x4b\x1b(B and \x1b$B\x21"
    with pytest.raises(DecodeError, match=r"cannot decode as iso2022_jp \(it has ISO-2022 escapes\)"):
        decode(data)
    assert "\ufffd" in decode(data, errors="replace").text


@pytest.mark.parametrize("codec", ["utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_without_bom(codec: str) -> None:
    text = "Talks resumed in Genève — “progress”.\n"
    d = decode(text.encode(codec))
    assert (d.text, d.encoding, d.method, d.bom) == (text, codec, "detector", False)


def test_utf16_cjk_without_bom() -> None:
    text = "東京都は安全対策を強化すると発表した。\n"
    d = decode(text.encode("utf-16-le"))
    assert (d.text, d.encoding) == (text, "utf-16-le")


@pytest.mark.parametrize(
    ("bom", "codec", "text"),
    [
        (codecs.BOM_UTF32_LE, "utf-32-le", "A\u00e9\U0001f600"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "A\u00e9\U0001f600"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "A\u00e9\U0001f600"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "A\u00e9\U0001f600"),
        (codecs.BOM_UTF8, "utf-8", "A\u00e9\U0001f600"),
    ],
)
def test_boms(bom: bytes, codec: str, text: str) -> None:
    d = decode(bom + text.encode(codec))
    assert d == Decoded(text, codec, 1.0, True, "bom")


def test_ascii() -> None:
    assert decode(b"Plain news.\r\n") == Decoded("Plain news.\r\n", "ascii", 1.0, False, "ascii")


def test_ascii_and_utf8_never_call_the_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_a: object, **_k: object) -> None:
        raise AssertionError("detector called")

    monkeypatch.setattr(decode_module, "_detect", boom)
    assert decode(b"plain").method == "ascii"
    big = ("Zoë — 東京 — “quoted” text.\n" * 400_000).encode()  # ~14 MB
    start = time.perf_counter()
    d = decode(big)
    elapsed = time.perf_counter() - start
    assert d.method == "utf-8" and len(d.text) == 400_000 * 26
    assert elapsed < 1.0, f"{len(big) / elapsed / 1e6:.0f} MB/s"


# -- refusals and errors --------------------------------------------------------------------------

MAGIC = [
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
    (b"GIF89a\x01\x00\x01\x00", "GIF image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml", "Word document (.docx, a ZIP archive)"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00data.csv", "ZIP archive"),
    (b"BZh91AY&SY\x00\x00", "bzip2 archive"),
    (b"\xfd7zXZ\x00\x00\x04", "xz archive"),
    (b"\x28\xb5\x2f\xfd\x24\x00", "zstd archive"),
    (b"7z\xbc\xaf\x27\x1c\x00\x04", "7z archive"),
    (b"Rar!\x1a\x07\x01\x00", "RAR archive"),
    (b"\x7fELF\x02\x01\x01\x00", "ELF executable"),
    (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "Windows executable (PE/MZ)"),
    (b"SQLite format 3\x00\x10\x00", "SQLite database"),
    (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "WebP image"),
    (b"ID3\x04\x00\x00\x00\x00\x00\x00", "MP3 audio (ID3 tag)"),
    (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", "MP4 video (ISO media, ftyp 'isom')"),
]


@pytest.mark.parametrize(("data", "reason"), MAGIC, ids=[m[1] for m in MAGIC])
def test_magic_numbers(data: bytes, reason: str) -> None:
    assert binary_reason(data) == reason
    with pytest.raises(NotTextError, match=f"^x\\.bin: not text: {re.escape(reason)}$"):
        decode(data, name="x.bin")


def test_text_that_merely_starts_like_magic() -> None:
    assert binary_reason(b"MZ Nachrichten: Wetter am Montag") is None
    assert binary_reason(b"ID3 tags are metadata.") is None
    assert binary_reason(b"BZh, he said.") is None


def test_nul_heavy() -> None:
    assert binary_reason(bytes(range(256)) * 40) == "control bytes in 9% of the first 8 KiB"
    assert binary_reason(b"x" * 9000 + b"\x00" * 200) is None  # only the first 8 KiB is looked at
    data = b"abc\x00\x00\x00def\x00\x01\x02" * 10
    assert binary_reason(data) == "NUL bytes in 33% of the 120 bytes"
    with pytest.raises(NotTextError, match="NUL bytes in 33%"):
        decode(data)


def test_text_is_not_binary() -> None:
    for name in ("cp1252_quotes.txt", "shift_jis_news.txt", "utf16le_bom.txt", "utf8_crlf.txt", "empty.txt"):
        assert binary_reason(read(name)) is None, name


def test_errors_argument() -> None:
    with pytest.raises(ValueError, match="errors must be 'strict' or 'replace', not 'ignore'"):
        decode(b"x", errors="ignore")


def test_unknown_encoding() -> None:
    with pytest.raises(DecodeError, match=r"^a\.txt: unknown encoding 'klingon'"):
        decode(b"x", encoding="klingon", name="a.txt")
    with pytest.raises(DecodeError, match="'base64' is not a text encoding"):
        decode(b"x", encoding="base64")


def test_forced() -> None:
    d = decode(b"He said \x93hi\x94", encoding="Windows-1252")
    assert d == Decoded("He said “hi”", "cp1252", 1.0, False, "forced")
    d = decode(codecs.BOM_UTF8 + b"abc", encoding="utf-8")
    assert d == Decoded("abc", "utf-8", 1.0, True, "forced")
    d = decode(b"abc\xe9", encoding="latin-1")
    assert (d.text, d.encoding) == ("abcé", "iso8859-1")


def test_forced_shift_jis_error_names_offset_and_line() -> None:
    with pytest.raises(DecodeError) as e:
        decode(b"line one\n\x82\xa0\x82", encoding="shift_jis", name="n.txt")
    assert str(e.value).startswith("n.txt: cannot decode as shift_jis: byte 0x82 at byte offset 11 (line 2)")


def test_bom_with_bad_bytes() -> None:
    with pytest.raises(DecodeError, match=r"cannot decode as utf-8: byte 0xff at byte offset 5"):
        decode(codecs.BOM_UTF8 + b"ab\xffc")
    assert decode(codecs.BOM_UTF8 + b"ab\xffc", errors="replace").text == "ab\ufffdc"


def test_mostly_utf8_with_a_stray_byte_is_an_error() -> None:
    data = "Café naïve résumé über straße ".encode() * 2 + b"\x93quoted\x94"
    with pytest.raises(DecodeError, match=r"utf-8 \(the rest is UTF-8: mixed or damaged encoding\): byte 0x93"):
        decode(data)
    d = decode(data, errors="replace")
    assert d.text == "Café naïve résumé über straße " * 2 + "\ufffdquoted\ufffd"
    assert (d.encoding, d.method) == ("utf-8", "utf-8")


def test_truncated_utf8() -> None:
    data = "日本語の文".encode()[:-1]
    with pytest.raises(DecodeError, match=r"utf-8 \(the data is UTF-8 cut short\): bytes 0xe6 0x96 at byte offset 12"):
        decode(data)
    assert decode(data, errors="replace").text == "日本語の\ufffd"


def test_replace_never_needed_for_good_input() -> None:
    for name, text, _ in DETECTED:
        assert decode(read(name), errors="replace").text == text


def test_forced_encoding_still_refuses_magic_numbers() -> None:
    with pytest.raises(NotTextError, match=r"^tiny\.png: not text: PNG image$"):
        decode(read("tiny.png"), encoding="latin-1", name="tiny.png")


def test_forced_utf16_reports_the_bom_it_removed() -> None:
    d = decode(codecs.BOM_UTF16_BE + "hé".encode("utf-16-be"), encoding="utf-16")
    assert d == Decoded("hé", "utf-16", 1.0, True, "forced")


def test_wider_codec_of_the_family_when_a_later_char_needs_it() -> None:
    text = "東京都は安全対策を強化すると発表した。\n" * 7000 + "①番線に電車がまいります。\n"  # past the detector's sample
    d = decode(text.encode("cp932"))
    assert (d.text == text, d.encoding) == (True, "cp932")


def test_detected_encoding_error_names_offset_and_line() -> None:
    data = "東京都は安全対策を強化すると発表した。\n".encode("shift_jis") * 3 + b"\x81 end\n"
    with pytest.raises(DecodeError) as e:
        decode(data, name="late.txt")
    assert str(e.value).startswith(
        "late.txt: cannot decode as shift_jis (detected): byte 0x81 at byte offset 117 (line 4): illegal multibyte"
    )
    assert decode(data, errors="replace").text.endswith("した。\n\ufffd end\n")


def test_non_ascii_far_from_the_start() -> None:
    text = "The committee met on Tuesday.\n" * 2000 + "It\u2019s \u201cdone\u201d \u2014 finally.\n"
    d = decode(text.encode("cp1252"))
    assert (d.text == text, d.encoding) == (True, "cp1252")


def test_wrong_declaration_loses_to_the_bytes() -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body>東京都は安全対策を強化すると発表した。</body></html>'
    d = decode(html.encode("shift_jis"))
    assert (d.text, d.encoding) == (html, "shift_jis")
