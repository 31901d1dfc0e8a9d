"""Lists of pages: a plain URL list, OPML and Netscape bookmarks; each page becomes an
article to fetch."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.imports import DATA, import_into
from tui.core.imports import ImportFileError, detect, read

SLOW, TOOLS = "https://example.org/essays/slow-reading", "https://example.net/2024/03/tools"


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        ("reading-list.txt", "urls",
         [(SLOW, SLOW, (), None), (TOOLS, TOOLS, (), None),
          ("https://example.com/maps?ref=friend", "https://example.com/maps?ref=friend", (),
           None)]),
        ("feeds.opml", "opml",
         [(SLOW, "The Case for Slow Reading", ("essays",), None),
          ("https://blog.example.net/", "Example Blog", ("essays",), None),
          (TOOLS, "Tools for Thought", (), None)]),
        ("bookmarks.html", "bookmarks",
         [(SLOW, "The Case for Slow Reading", ("essays", "slow"), "2024-03-03T15:14:02Z"),
          (TOOLS, "Tools for Thought", (), "2024-03-04T15:14:02Z")]),
    ],
)
def test_lists(tmp_path: Path, name: str, fmt: str, expected: list[tuple[object, ...]]) -> None:
    path = DATA / name
    assert detect(path) == fmt
    assert [(r.url, r.title, r.tags, r.created) for r in read(path).records] == expected
    plan = import_into(tmp_path / "nb", path)
    assert (plan.articles_added, len(plan.to_fetch)) == (len(expected), len(expected))
    assert import_into(tmp_path / "nb", path).articles_added == 0


@pytest.mark.parametrize(
    ("name", "fmt", "content", "message"),
    [
        ("l.txt", "urls", "https://a.example/\nftp://b.example/x\n",
         "urls: line 2: not an http(s) URL: 'ftp://b.example/x'"),
        ("f.opml", "opml", "<opml><body><outline url='https://a.example/'></body>",
         "opml: not well-formed XML (line 1)"),
    ],
)
def test_malformed_lists(tmp_path: Path, name: str, fmt: str, content: str, message: str) -> None:
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        import_into(tmp_path / "nb", bad, fmt)
    assert str(caught.value) == message
    assert not (tmp_path / "nb").exists()
