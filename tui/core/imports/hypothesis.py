"""Hypothesis: the API's search answer (``{"rows": [...]}``), the client's export file
(``{"annotations": [...]}``) or a bare list of annotations.

Each annotation's target carries selectors: the TextQuoteSelector's quote with its prefix and
suffix (which help place it), a TextPositionSelector and a RangeSelector (offsets and XPaths
into the page as Hypothesis saw it: not Gloss's text, so only the quote is used). A page
note (no quote) keeps the article with nothing to place; replies are left out.
"""

from __future__ import annotations

from typing import Any

from tui.core.imports.record import ImportFileError, Record, parse_iso

FORMAT = "hypothesis"


def annotations_of(data: Any) -> list[Any] | None:
    """The list of annotations a Hypothesis file holds, or None if it is not one."""
    if isinstance(data, dict):
        for key in ("annotations", "rows"):
            if isinstance(data.get(key), list):
                return list(data[key])
        return None
    if isinstance(data, list) and data and all(
        isinstance(a, dict) and "uri" in a and "target" in a for a in data
    ):
        return data
    return None


def parse(data: Any) -> tuple[Record, ...]:
    """Every annotation with a quote (and every page note), in file order."""
    items = annotations_of(data)
    if items is None:
        raise ImportFileError(f"{FORMAT}: no 'annotations' or 'rows' list")
    records = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("uri"), str):
            raise ImportFileError(f"{FORMAT}: annotation {n} has no 'uri'")
        if item.get("references"):
            continue  # a reply in a discussion, not the user's own highlight
        selector = _quote_selector(item.get("target"), n)
        document = item.get("document") if isinstance(item.get("document"), dict) else {}
        assert isinstance(document, dict)
        titles = document.get("title")
        title = titles[0] if isinstance(titles, list) and titles else titles
        tags = item.get("tags") if isinstance(item.get("tags"), list) else []
        records.append(Record.of(
            FORMAT,
            record_id=str(item["id"]) if isinstance(item.get("id"), str) else "",
            url=item["uri"],
            title=title if isinstance(title, str) else "",
            quote=selector.get("exact", ""),
            prefix=selector.get("prefix", ""),
            suffix=selector.get("suffix", ""),
            note=item.get("text", ""),
            tags=tags,
            created=parse_iso(item.get("created")),
        ))
    return tuple(records)


def _quote_selector(targets: Any, n: int) -> dict[str, Any]:
    if not isinstance(targets, list):
        raise ImportFileError(f"{FORMAT}: annotation {n}: 'target' must be a list")
    for target in targets:
        selectors = target.get("selector") if isinstance(target, dict) else None
        for selector in selectors if isinstance(selectors, list) else ():
            if isinstance(selector, dict) and selector.get("type") == "TextQuoteSelector":
                if not isinstance(selector.get("exact"), str):
                    raise ImportFileError(f"{FORMAT}: annotation {n}: a quote without 'exact'")
                return selector
    return {}  # a page note


def looks_like(data: Any) -> bool:
    """Whether parsed JSON is Hypothesis's (and not a W3C collection, which also has
    targets and selectors but no 'uri' on each item)."""
    items = annotations_of(data)
    return items is not None and bool(items) and isinstance(items[0], dict) and "uri" in items[0]
