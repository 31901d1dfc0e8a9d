"""`repair` keeps every readable record of a damaged shard, merged with its backup copy: the
highlights made since the last backup are not thrown away with the damage."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest

from tui.core.model.article import Article, Block, BlockKind
from tui.core.model.highlight import Highlight, Target
from tui.core.model.records import article_id_for
from tui.core.notebook.api import Notebook

DAY1 = date(2026, 3, 1)
TEXT = "A body long enough to hold several highlights, one after another, and more words."


def mark(a: Article, start: int, tag: str) -> Highlight:
    return Highlight(article_id_for(a), Target.of(a.text, start, start + 5, a.text_hash), (tag,))


@pytest.fixture
def shard_after_backup(tmp_path: Path) -> tuple[Path, Path, list[Highlight]]:
    """A shard whose backup (day 2) holds the first highlight; three more came after it."""
    root = tmp_path / "nb"
    a = Article(title="T", blocks=(Block(BlockKind.PARAGRAPH, TEXT),), url="https://e.com/1")
    nb = Notebook.open(root)
    nb.today = lambda: DAY1
    nb.save_article(a)
    hs = [nb.add_highlight(mark(a, 0, "before"))]
    nb.today = lambda: DAY1 + timedelta(days=1)
    hs += [nb.add_highlight(mark(a, 10 * i, f"after{i}")) for i in (1, 2, 3)]
    return root, root / "highlights" / f"{article_id_for(a)}.json", hs


def test_a_torn_shard_keeps_its_readable_records_and_the_backups(
    shard_after_backup: tuple[Path, Path, list[Highlight]],
) -> None:
    root, shard, hs = shard_after_backup
    raw = shard.read_bytes()
    # Torn inside the last record in the file (records are stored in id order).
    last = max(hs, key=lambda h: raw.index(h.id.encode()))
    shard.write_bytes(raw[: raw.index(last.id.encode()) + 60])

    report = Notebook.repair(root)

    assert report.restored == ((shard, "3 readable records and backup 2026-03-02"),)
    assert report.lost == ()
    fixed = Notebook.open(root)
    kept = [h for h in hs if h is not last or h is hs[0]]  # hs[0] is in the backup too
    assert {h.id: h for h in fixed.highlights()} == {h.id: h for h in kept}


def test_a_garbled_record_costs_only_that_record_even_without_a_backup(
    shard_after_backup: tuple[Path, Path, list[Highlight]],
) -> None:
    root, shard, hs = shard_after_backup
    for backup in (root / "backups").iterdir():
        backup.unlink()
    raw = shard.read_bytes()
    at = raw.index(hs[1].id.encode()) + 60
    shard.write_bytes(raw[:at] + b"\x00\xff garbage \x01" + raw[at + 20 :])

    report = Notebook.repair(root)

    assert report.restored == ((shard, "3 readable records"),)
    fixed = Notebook.open(root)
    assert {h.id for h in fixed.highlights()} == {hs[0].id, hs[2].id, hs[3].id}
    assert report.set_aside is not None
    assert (report.set_aside / "highlights" / shard.name).read_bytes() != raw  # the damage


def test_malformed_records_in_valid_json_are_dropped_one_by_one(
    shard_after_backup: tuple[Path, Path, list[Highlight]],
) -> None:
    root, shard, hs = shard_after_backup
    data = orjson.loads(shard.read_bytes())
    data["highlights"][hs[2].id]["target"] = "not a target"
    shard.write_bytes(orjson.dumps(data))

    Notebook.repair(root)

    fixed = Notebook.open(root)
    assert {h.id for h in fixed.highlights()} == {hs[0].id, hs[1].id, hs[3].id}
