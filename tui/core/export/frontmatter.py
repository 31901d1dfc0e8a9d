"""YAML front matter: written by PyYAML with safe quoting, merged key by key on re-export.

Gloss owns a fixed set of keys (:data:`MANAGED_KEYS`); on re-export it rewrites those and
keeps every other key exactly as the user (or Obsidian's property editor) wrote it, comments
and formatting included, by editing the front matter one top-level key at a time.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from tui.core.export.errors import MarkerError

# Every key Gloss may write; on re-export a managed key Gloss no longer writes is removed.
MANAGED_KEYS = frozenset(
    {"title", "author", "site", "url", "published", "saved", "tags", "gloss_id", "gloss_tag"}
)
# Text YAML would have to fold over several lines, or that holds characters YAML escapes:
# always written double-quoted on one line, so no value can produce a line of its own.
_NEEDS_DOUBLE = re.compile(
    r"[\n\r\x85\u2028\u2029\ufeff]|[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_TOP_LEVEL = re.compile(r"^[^\s#-]|^-[^\s-]")


# libyaml when PyYAML has it: five times quicker, which shows in a folder of 500 files.
_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LIST_ITEM = re.compile(r"^- ", re.MULTILINE)


class _Dumper(_SafeDumper):  # type: ignore[misc, valid-type]
    """The safe dumper, with text that needs it always double-quoted on one line."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _NEEDS_DOUBLE.search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def load_yaml(text: str) -> Any:
    """``yaml.safe_load``, with libyaml's parser when there is one."""
    return yaml.load(text, Loader=_SafeLoader)  # a safe loader: plain data only


def dump_yaml(data: dict[str, Any]) -> str:
    """``data`` (text, lists of text) as block YAML, one line per scalar, keys in order.

    Lists are indented under their key, as Obsidian writes them: every scalar is on one line,
    so each line starting with "- " is an item of a top-level list.
    """
    if not data:
        return ""
    dumped = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000_000,
    )
    return _LIST_ITEM.sub("  - ", dumped)


def front_matter_lines(data: dict[str, Any]) -> list[str]:
    """The lines of a front matter block, ``---`` fences included."""
    return ["---", *dump_yaml(data).splitlines(), "---"]


def parse_yaml(lines: list[str], where: str) -> dict[str, Any]:
    """The front matter between the fences as a dict; a typed error if it is not one."""
    try:
        data = load_yaml("\n".join(lines))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" line {mark.line + 2}" if mark is not None else ""
        raise MarkerError(
            f"{where}{at}: the front matter is not valid YAML; fix it or export with --force"
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MarkerError(f"{where}: the front matter is not a list of keys; fix it or use --force")
    return data


def merge_front_matter(lines: list[str], fresh: dict[str, Any], where: str) -> list[str]:
    """The existing front matter (between its fences) with Gloss's keys set to ``fresh``.

    Keys outside :data:`MANAGED_KEYS` keep their text as it was; managed keys are replaced in
    place, removed if ``fresh`` lacks them, and new ones added at the end.
    """
    existing = parse_yaml(lines, where)
    expected = {k: v for k, v in existing.items() if k not in MANAGED_KEYS}
    expected.update(fresh)
    merged = _merge_by_chunks(lines, fresh)
    if merged is not None:
        try:
            if (load_yaml("\n".join(merged)) or {}) == expected:
                return merged
        except yaml.YAMLError:
            pass
    # Unusual YAML (flow style, anchors, odd keys): fall back to rewriting the whole block,
    # which keeps every value but not the user's formatting.
    order = {k: existing[k] for k in existing if k not in MANAGED_KEYS or k in fresh}
    order.update(fresh)
    return dump_yaml(order).splitlines()


def _merge_by_chunks(lines: list[str], fresh: dict[str, Any]) -> list[str] | None:
    chunks: list[list[str]] = [[]]
    for line in lines:
        if _TOP_LEVEL.match(line):
            chunks.append([line])
        else:
            chunks[-1].append(line)
    out = list(chunks[0])  # comments or blank lines before the first key
    written: set[str] = set()
    for chunk in chunks[1:]:
        try:
            data = load_yaml("\n".join(chunk))
        except yaml.YAMLError:
            return None
        if not isinstance(data, dict) or len(data) != 1:
            return None
        (key,) = data
        if not isinstance(key, str) or key not in MANAGED_KEYS:
            out.extend(chunk)
        elif key in fresh and key not in written:
            written.add(key)
            # Comments and blank lines after the key's value stay where they were.
            tail = _trailing_comments(chunk)
            out.extend(dump_yaml({key: fresh[key]}).splitlines())
            out.extend(tail)
        else:
            out.extend(_trailing_comments(chunk))
    for key, value in fresh.items():
        if key not in written:
            out.extend(dump_yaml({key: value}).splitlines())
    return out


def _trailing_comments(chunk: list[str]) -> list[str]:
    end = len(chunk)
    while end > 1 and (not chunk[end - 1].strip() or chunk[end - 1].lstrip().startswith("#")):
        end -= 1
    return chunk[end:]
