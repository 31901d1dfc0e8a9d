"""KOReader: a book's ``.sdr/metadata.<ext>.lua`` sidecar, or the exporter plugin's JSON.

The sidecar is a Lua table. It is read with luaparser (a maintained pure-Python Lua parser,
so nothing runs: lupa would execute the file in a real Lua) into a syntax tree, and only
literal values are taken from it: strings, numbers, booleans, nested tables. Anything else
(a call, a variable, an operator but unary minus) is refused, so a crafted file can do
nothing but fail to import. Both annotation layouts are read: ``annotations`` (KOReader
2024.01 and later) and the older ``highlight`` + ``bookmarks``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from tui.core.imports.record import ImportFileError, Record, iso_time, parse_epoch

FORMAT = "koreader"
_MAX_LUA_BYTES = 16 * 1024 * 1024  # a sidecar is kilobytes; more is not one


def parse_lua(data: bytes, where: str = "metadata.lua") -> tuple[Record, ...]:
    """The highlights of one sidecar file."""
    table = read_lua_table(data, where)
    props = table.get("doc_props") if isinstance(table.get("doc_props"), dict) else {}
    assert isinstance(props, dict)
    title = _text(props.get("title")) or _stem(where)
    author = _text(props.get("authors")).replace("\n", ", ") or None
    records = []
    annotations = table.get("annotations")
    if isinstance(annotations, dict):
        for key in sorted(annotations, key=_order):
            item = annotations[key]
            if isinstance(item, dict) and _text(item.get("text")):
                records.append(_record(item, title, author))
    else:
        records += _old_layout(table, title, author)
    return tuple(records)


def _old_layout(table: dict[Any, Any], title: str, author: str | None) -> list[Record]:
    """``highlight[page][n]`` holds the text; a highlighted bookmark of the same time holds
    the quote in ``notes`` and, when the user wrote one, the note in ``text``."""
    notes: dict[str, str] = {}
    bookmarks = table.get("bookmarks")
    if isinstance(bookmarks, dict):
        for mark in bookmarks.values():
            if isinstance(mark, dict) and mark.get("highlighted"):
                quote, text = _text(mark.get("notes")), _text(mark.get("text"))
                if text and text != quote:
                    notes[_text(mark.get("datetime"))] = text
    records = []
    pages = table.get("highlight")
    if isinstance(pages, dict):
        for page in sorted(pages, key=_order):
            items = pages[page]
            if not isinstance(items, dict):
                continue
            for key in sorted(items, key=_order):
                item = items[key]
                if isinstance(item, dict) and _text(item.get("text")):
                    note = notes.get(_text(item.get("datetime")), "")
                    item = {**item, "note": note, "pageno": page}
                    records.append(_record(item, title, author))
    return records


def _record(item: dict[Any, Any], title: str, author: str | None) -> Record:
    page = item.get("pageno", item.get("page"))
    chapter = _text(item.get("chapter"))
    location = ", ".join(
        part for part in (
            f"page {page}" if isinstance(page, int | float) else "",
            f"chapter {chapter}" if chapter else "",
        ) if part
    )
    return Record.of(
        FORMAT,
        title=title,
        author=author,
        quote=_text(item.get("text")),
        note=_text(item.get("note")),
        color=_text(item.get("color")),
        created=_time(item.get("datetime")),
        location=location or None,
        book=True,
    )


def parse_json(data: Any, where: str = "export") -> tuple[Record, ...]:
    """The exporter plugin's JSON: one book (``title``, ``author``, ``entries``) or many
    (``documents``)."""
    books = data.get("documents") if isinstance(data, dict) and "documents" in data else [data]
    if not isinstance(books, list):
        raise ImportFileError(f"{FORMAT}: {where}: 'documents' must be a list")
    records = []
    for n, book in enumerate(books, start=1):
        if not isinstance(book, dict) or not isinstance(book.get("entries"), list):
            raise ImportFileError(f"{FORMAT}: {where}: book {n} has no list of 'entries'")
        title = _text(book.get("title")) or f"book {n}"
        author = _text(book.get("author")) or None
        for entry in book["entries"]:
            if not isinstance(entry, dict) or not _text(entry.get("text")):
                continue
            page = entry.get("page")
            chapter = _text(entry.get("chapter"))
            location = ", ".join(
                p for p in (f"page {page}" if isinstance(page, int) else "",
                            f"chapter {chapter}" if chapter else "") if p
            )
            records.append(Record.of(
                FORMAT,
                title=title,
                author=author,
                quote=_text(entry.get("text")),
                note=_text(entry.get("note")),
                color=_text(entry.get("color")),
                created=parse_epoch(entry.get("time")),
                location=location or None,
                book=True,
            ))
    return tuple(records)


def read_lua_table(data: bytes, where: str) -> dict[Any, Any]:
    """The literal table a ``return { ... }`` file holds, as dicts (keys kept as read)."""
    from luaparser import ast, astnodes

    if len(data) > _MAX_LUA_BYTES:
        raise ImportFileError(f"{FORMAT}: {where}: too large for a KOReader sidecar")
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"{FORMAT}: {where}: not UTF-8 text") from None
    try:
        tree = ast.parse(source)
    except Exception:  # luaparser raises its own SyntaxException and antlr errors
        raise ImportFileError(f"{FORMAT}: {where}: not a Lua table (a syntax error)") from None
    body = tree.body.body
    if len(body) != 1 or not isinstance(body[0], astnodes.Return) or len(body[0].values) != 1:
        raise ImportFileError(f"{FORMAT}: {where}: expected one 'return {{ ... }}'")
    try:
        value = _literal(body[0].values[0], where)
    except RecursionError:
        raise ImportFileError(f"{FORMAT}: {where}: tables nested too deep") from None
    if not isinstance(value, dict):
        raise ImportFileError(f"{FORMAT}: {where}: expected 'return {{ ... }}'")
    return value


def _literal(node: Any, where: str) -> Any:
    """A literal value from the syntax tree; anything that would compute is refused."""
    from luaparser import astnodes

    if isinstance(node, astnodes.String):
        raw = node.s
        return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    if isinstance(node, astnodes.Number):
        return node.n
    if isinstance(node, astnodes.TrueExpr):
        return True
    if isinstance(node, astnodes.FalseExpr):
        return False
    if isinstance(node, astnodes.Nil):
        return None
    if isinstance(node, astnodes.UMinusOp) and isinstance(node.operand, astnodes.Number):
        return -node.operand.n
    if isinstance(node, astnodes.Table):
        out: dict[Any, Any] = {}
        position = 0
        for item in node.fields:
            if item.key is None:  # positional: {"a", "b"} is {[1] = "a", [2] = "b"}
                position += 1
                key: Any = position
            elif isinstance(item.key, astnodes.Name) and not item.between_brackets:
                key = item.key.id
            else:
                key = _literal(item.key, where)
                if not isinstance(key, str | int | float | bool):
                    raise ImportFileError(f"{FORMAT}: {where}: a table used as a key")
            out[key] = _literal(item.value, where)
        return out
    raise ImportFileError(
        f"{FORMAT}: {where}: a {type(node).__name__} where a plain value belongs "
        "(only literal tables are read)"
    )


def _order(key: Any) -> tuple[int, Any]:
    return (0, key) if isinstance(key, int | float) else (1, str(key))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _stem(where: str) -> str:
    """A title when the sidecar names none: the book's file name, from its ``.sdr`` folder."""
    parts = where.replace("\\", "/").rstrip("/").split("/")
    folder = parts[-2] if len(parts) > 1 else ""
    return folder[: -len(".sdr")] if folder.endswith(".sdr") else parts[-1]


def _time(value: Any) -> str | None:
    """KOReader's ``2024-03-14 21:05:11`` (local time, kept as UTC)."""
    if not isinstance(value, str):
        return None
    try:
        return iso_time(datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S"))
    except ValueError:
        return None


def looks_like_json(data: Any) -> bool:
    """Whether parsed JSON is the KOReader exporter's."""
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        return True
    return isinstance(data, dict) and isinstance(data.get("entries"), list) and "title" in data


def load_json(data: bytes, where: str) -> Any:
    try:
        return json.loads(data)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        raise ImportFileError(f"{FORMAT}: {where}: not JSON") from None
