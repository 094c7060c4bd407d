"""What the bytes say about themselves before decoding: binary or text, wide text, a declared charset.

Magic numbers of images, archives, executables, databases and media; NUL-heavy or
control-heavy data; and UTF-16/UTF-32 text without a BOM, which also holds NULs, recognised by
its alternating NUL pattern and a check that the decoded text is sensible; and the charset an
HTML ``<meta>`` or an XML prolog declares.
"""

from __future__ import annotations

import codecs
import re

SAMPLE = 8192
"""Bytes looked at for the binary check (NULs, control bytes, UTF-16/32 patterns)."""

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # FF FE 00 00: before UTF-16 LE (FF FE)
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# ---------------------------------------------------------------------------------------------
# binary data

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x04\x22\x4d\x18", "lz4 archive"),
    (b"\x7fELF", "ELF executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 compound document (old .doc/.xls/.ppt)"),
    (b"OggS\x00", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
    (b"\xcf\xfa\xed\xfe", "Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "Mach-O executable"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"8BPS", "Photoshop image"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
)
_RIFF = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}
_FTYP = {
    b"heic": "HEIF image",
    b"heix": "HEIF image",
    b"mif1": "HEIF image",
    b"avif": "AVIF image",
    b"qt  ": "QuickTime video",
    b"M4A ": "M4A audio",
    b"3gp4": "3GP video",
}
_ZIP_KINDS = (
    (b"word/", "Word document (.docx, a ZIP archive)"),
    (b"xl/", "Excel workbook (.xlsx, a ZIP archive)"),
    (b"ppt/", "PowerPoint presentation (.pptx, a ZIP archive)"),
    (b"mimetypeapplication/epub+zip", "EPUB book (a ZIP archive)"),
    (b"mimetypeapplication/vnd.oasis.opendocument", "OpenDocument file (a ZIP archive)"),
)
# C0 controls that do not occur in text (TAB LF VT FF CR, SO SI and ESC of ISO-2022 do), plus DEL.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x10, 0x1B), *range(0x1C, 0x20), 0x7F])
_PRINTABLE_ASCII = bytes([9, 10, 13, *range(0x20, 0x7F)])
_NUL_LIMIT = 0.01  # NULs in more than 1% of the sample: binary (unless UTF-16/32)
_CONTROL_LIMIT = 0.05


def magic(data: bytes) -> str | None:
    head = data[:16]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        probe = data[:65536] + data[-65536:]
        for marker, what in _ZIP_KINDS:
            if marker in probe:
                return what
        return "ZIP archive"
    if head.startswith(b"BZh") and len(head) >= 10 and head[3:4].isdigit() and head[4:10] in (
        b"1AY&SY",
        b"\x17\x72\x45\x38\x50\x90",
    ):
        return "bzip2 archive"
    if head.startswith(b"MZ") and b"\x00" in data[2:64]:
        return "Windows executable (PE/MZ)"
    if head.startswith(b"RIFF") and len(head) >= 12:
        return _RIFF.get(head[8:12], "RIFF container")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        what = _FTYP.get(brand, "MP4 video")
        return f"{what} (ISO media, ftyp '{brand.decode('latin-1').strip()}')"
    if head.startswith(b"ID3") and len(head) >= 5 and head[3] in (2, 3, 4) and head[4] < 0xFF:
        return "MP3 audio (ID3 tag)"
    if head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "MP3 audio"
    if len(data) > 262 and data[257:262] == b"ustar":
        return "tar archive"
    return None


_SENSIBLE = re.compile(
    "[\t\n\r\f\v\x20-\x7e\xa0-\u07ff\u0900-\u0e7f\u1e00-\u1fff\u2000-\u2bff\u3000-\u9fff"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)


def _sensible(text: str) -> float:
    """Share of characters that ordinary text is made of (printable, in the common scripts)."""
    if not text:
        return 0.0
    good = 0
    for ch in _SENSIBLE.findall(text):
        if ch.isprintable() or ch in "\t\n\r\f\v":
            good += 1
    return good / len(text)


def _sniff_wide(sample: bytes) -> tuple[str, float] | None:
    """UTF-32 / UTF-16 text without a BOM: ``(codec, confidence)``, or None.

    Latin-script UTF-16 has a NUL in every other byte (odd bytes for LE, even for BE); CJK
    UTF-16 has no such pattern. Either way the decoded text must be sensible.
    """
    n = len(sample)
    if n >= 8:
        m = n - n % 4
        for codec, hi, mid in (("utf-32-le", 3, 2), ("utf-32-be", 0, 1)):
            if sample[hi:m:4].count(0) == m // 4 and max(sample[mid:m:4]) <= 0x10:
                text = incremental(codec, sample[:m])
                if text is not None and (score := _sensible(text)) >= 0.95:
                    return codec, round(score, 3)
    if n < 2:
        return None
    m = n - n % 2
    even, odd = sample[0:m:2].count(0), sample[1:m:2].count(0)
    clear = max(even, odd) >= 2 and max(even, odd) > 2 * min(even, odd)
    if not clear:
        # No NUL pattern (CJK UTF-16): only when the bytes are not plainly ASCII or UTF-8 text,
        # which read two by two also give "sensible" ideographs.
        printable = len(sample) - len(sample.translate(None, _PRINTABLE_ASCII))
        if printable >= 0.8 * n or incremental("utf-8", sample) is not None:
            return None
    order = ("utf-16-be", "utf-16-le") if even > 2 * odd else ("utf-16-le", "utf-16-be")
    best: tuple[str, float] | None = None
    for codec in order:
        text = incremental(codec, sample[:m])
        if text is None or (score := _sensible(text)) < 0.95:
            continue
        if clear:
            return codec, round(score, 3)
        if best is None or score > best[1]:
            best = (codec, round(score, 3))
    return best


def incremental(codec: str, chunk: bytes) -> str | None:
    """Decode a leading chunk strictly, tolerating a sequence cut at its end."""
    try:
        return codecs.getincrementaldecoder(codec)("strict").decode(chunk, final=False)
    except UnicodeDecodeError:
        return None


def sniff(data: bytes) -> tuple[str | None, tuple[str, float] | None]:
    """``(binary reason, None)``, ``(None, (wide codec, confidence))`` or ``(None, None)`` (text)."""
    what = magic(data)
    if what:
        return what, None
    sample = data[:SAMPLE]
    nuls = sample.count(0)
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if not nuls and controls <= len(sample) * _CONTROL_LIMIT:
        return None, None
    wide = _sniff_wide(sample)
    if wide:
        return None, wide
    where = "the first 8 KiB" if len(data) > SAMPLE else f"the {len(data)} bytes"
    if nuls > len(sample) * _NUL_LIMIT:
        return f"NUL bytes in {max(1, round(100 * nuls / len(sample)))}% of {where}", None
    if controls > len(sample) * _CONTROL_LIMIT:
        return f"control bytes in {round(100 * controls / len(sample))}% of {where}", None
    return None, None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text (``"PNG image"``, ``"NUL bytes in 12% of the first 8 KiB"`` ...), or None.

    Data with a BOM, and UTF-16/UTF-32 text without one, count as text.
    """
    if not data or data.startswith(tuple(bom for bom, _ in BOMS)):
        return None
    return sniff(data)[0]


# WHATWG-style reading of declared labels.
_DECLARED_ALIAS = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "x-sjis": "shift_jis",
    "sjis": "shift_jis",
    "windows-31j": "cp932",
    "x-euc-jp": "euc_jp",
    "ks_c_5601-1987": "cp949",
}
_DECLARED = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{2,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{2,40})""",
    re.IGNORECASE,
)


def declared(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or the XML prolog declares in the first 4 KiB, as a codec name."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii").lower()
    label = _DECLARED_ALIAS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None
