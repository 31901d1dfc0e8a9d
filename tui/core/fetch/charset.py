"""Decoding HTML bytes to text the way a browser would: BOM, header, <meta>, detection."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
# WHATWG Encoding: all of these labels mean windows-1252, as browsers decode them.
_WINDOWS_1252 = frozenset({
    "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
    "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
    "latin-1", "us-ascii", "windows-1252", "x-cp1252", "x-user-defined"})
# Other WHATWG label mappings that differ from Python's reading of the same name.
_WEB_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "chinese": "gb18030",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
    "windows-31j": "cp932", "ms_kanji": "cp932", "euc-kr": "cp949", "ks_c_5601-1987": "cp949",
    "iso-8859-9": "cp1254", "latin5": "cp1254", "iso-8859-11": "cp874", "tis-620": "cp874",
    "big5": "big5hkscs", "utf-16": "utf-16-le", "unicode": "utf-16-le", "utf8": "utf-8",
}
_REFUSED = frozenset({"utf-7", "utf_7"})  # WHATWG drops it: a script-injection vector
_COMMENT = re.compile(rb"<!--.*?(?:-->|\Z)", re.DOTALL)
_META = re.compile(rb"<meta(?=[\s/])([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(rb"""([^\s"'=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_CONTENT_CHARSET = re.compile(rb"""charset\s*=\s*["']?([^\s"';]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)""", re.IGNORECASE)
_TAG_OR_CODE = re.compile(
    rb"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.DOTALL | re.IGNORECASE)
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_DETECT_WINDOW = 512 * 1024
_PRESCAN = 4096


def decode_html(data: bytes, header_charset: str | None = None) -> tuple[str, str]:
    """(text, charset) for HTML bytes, chosen as a browser would.

    BOM, then the Content-Type charset, then ``<meta charset>`` or ``http-equiv`` in the first
    4 KB (or an XML declaration), then detection, then UTF-8. Unknown names are skipped;
    undecodable bytes become U+FFFD.
    """
    for bom, bom_codec in BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(bom_codec, "replace"), _web_name(bom_codec)
    codec = _codec_for(header_charset)
    if codec is None:
        head = data[:_PRESCAN]
        for label in _meta_charsets(head):
            codec = _codec_for(label, from_meta=True)
            if codec:
                break
    if codec is None and (decl := _XML_DECL.match(data[:_PRESCAN])):
        codec = _codec_for(decl.group(1).decode("ascii", "replace"))
    if codec is None:
        codec = _detect(data)
    return data.decode(codec, "replace"), _web_name(codec)


def _meta_charsets(head: bytes) -> Iterator[str]:
    """Charset labels declared by <meta> tags, in order (a simplified HTML5 prescan)."""
    for meta in _META.finditer(_COMMENT.sub(b"", head)):
        attrs: dict[bytes, bytes] = {}
        for attr in _ATTR.finditer(meta.group(1)):
            value = attr.group(2) or attr.group(3) or attr.group(4) or b""
            attrs.setdefault(attr.group(1).lower(), value)
        if b"charset" in attrs:
            yield attrs[b"charset"].decode("ascii", "replace")
        elif attrs.get(b"http-equiv", b"").lower() == b"content-type":
            found = _CONTENT_CHARSET.search(attrs.get(b"content", b""))
            if found:
                yield found.group(1).decode("ascii", "replace")


def _codec_for(label: str | None, *, from_meta: bool = False) -> str | None:
    """The Python codec for a charset label as the web reads it, or None if unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in _WINDOWS_1252:
        return "cp1252"
    if from_meta and name.startswith(("utf-16", "unicode")):
        return "utf-8"  # a meta tag readable as ASCII cannot be UTF-16 (WHATWG says UTF-8)
    name = _WEB_ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name).name
        b"x".decode(codec, "ignore")  # rejects bytes-to-bytes codecs such as base64
    except LookupError:
        return None
    return None if codec in _REFUSED else codec


def _web_name(codec: str) -> str:
    """A familiar spelling of a Python codec name ("cp1252" -> "windows-1252")."""
    name = codecs.lookup(codec).name.replace("_", "-")
    if re.fullmatch(r"cp(125\d|874)", name):
        return "windows-" + name[2:]
    return {"utf-16-le": "utf-16le", "utf-16-be": "utf-16be"}.get(
        name, name.replace("iso8859-", "iso-8859-"))


def _detect(data: bytes) -> str:
    """Guess an undeclared encoding: UTF-8 if it nearly is, else charset-normalizer."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    window = data[:_DETECT_WINDOW]
    # Mostly valid UTF-8 with a stray bad byte is still UTF-8 (a legacy code page almost
    # never forms valid multi-byte sequences by chance).
    valid = len(_UTF8_MULTIBYTE.findall(window))
    invalid = window.decode("utf-8", "replace").count("\ufffd") - window.count(b"\xef\xbf\xbd")
    if valid >= 4 * invalid > 0:
        return "utf-8"
    # Markup is ASCII and dilutes the language statistics the detector relies on.
    sample = _TAG_OR_CODE.sub(b" ", window)
    if not re.search(rb"[\x80-\xff]", sample):
        sample = window
    import charset_normalizer  # only for a page that declares no charset: a slow import

    results = charset_normalizer.from_bytes(sample)
    best = results.best()
    if best is None:
        return "utf-8"
    codec = _codec_for(best.encoding) or "utf-8"
    # charset-normalizer ranks near-identical Latin code pages arbitrarily on short pages
    # (French cp1252 -> cp1250, curly quotes -> cp852). windows-1252 is the web's legacy
    # default, so it wins a tie, and beats DOS and Mac code pages that the web never uses.
    if codec == "cp1252" or "cp1252" in best.could_be_from_charset:
        return "cp1252"
    for other in results:
        if ("cp1252" in (other.encoding, *other.could_be_from_charset)
                and abs(other.chaos - best.chaos) < 0.01
                and other.coherence >= best.coherence - 0.01):
            return "cp1252"
    if re.fullmatch(r"cp(437|7\d\d|8[56]\d)|mac[-_].*", codec) and _clean_cp1252(sample):
        return "cp1252"
    return codec


def _clean_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True
