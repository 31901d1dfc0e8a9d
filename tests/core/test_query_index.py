"""The query index answers exactly what the notebook's records answer (issue 19).

Random notebooks and random questions (hypothesis, derandomized): every filter of `gloss
notebook list/search/tags/articles` asked of the index equals the in-memory Notebook's answer,
and every `gloss search` query equals a brute-force scan of the TinyDB records; after random
writes too (the writer keeps the index in step). A stale index is caught up, a deleted one
rebuilt with nothing lost, and a SIGKILL at any I/O step of a write leaves it right or
detected stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.faults import Steps, count_steps, injecting
from tui.core.errors import GlossError
from tui.core.model import Article, Block, BlockKind, Highlight, SavedArticle, Target
from tui.core.model.records import article_id_for
from tui.core.notebook import HighlightFilter, HighlightSort, Notebook, index_file, open_index
from tui.core.notebook.layout import NotebookLayout
from tui.core.notebook.qindex import QueryIndex, is_stale, reindex
from tui.core.notebook.qindex.generation import MARK, folder_sig
from tui.core.notebook.qindex.view import open_db
from tui.core.notebook.storage import FileWriter
from tui.core.search import parse_query, scan, search_index

_VOCAB = (
    "Élan elan café CAFE naïve über Ångström strasse Straße the then theory x-ray don't 42 "
    "river River garden memory mémoire a an and Cœur coeur fiancée résumé"
)
VOCAB = tuple(_VOCAB.split())
TAGS = ("ux", "theory", "élan", "to-read", "key")
COLORS = ("yellow", "green", "blue")
DAYS = ("2024-01-05T10:00:00Z", "2024-03-01T00:00:00Z", "2025-03-01T12:00:00Z",
        "2025-07-09T08:30:00Z", "2026-01-01T00:00:00Z")
SETTINGS = settings(
    max_examples=25, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

text_st = st.lists(st.sampled_from(VOCAB), min_size=0, max_size=8).map(" ".join)


@st.composite
def notebooks(draw: st.DrawFn) -> tuple[list[Article], list[dict[str, object]]]:
    articles = []
    for i in range(draw(st.integers(1, 4))):
        paragraphs = [draw(text_st.filter(bool)) + "." for _ in range(draw(st.integers(1, 3)))]
        articles.append(Article(
            title=draw(text_st) or f"untitled {i}",
            blocks=tuple(Block(BlockKind.PARAGRAPH, p) for p in paragraphs),
            byline=draw(st.sampled_from([None, "Oliver Sacks", "Zoë Ångström"])),
            site_name=draw(st.sampled_from([None, "The Review", "Café Press"])),
            url=f"https://{draw(st.sampled_from(['example.com', 'nytimes.com']))}/a/{i}",
        ))
    highlights = [
        {
            "article": draw(st.integers(0, len(articles) - 1)),
            "start": draw(st.integers(0, 40)),
            "length": draw(st.integers(1, 60)),
            "tags": tuple(draw(st.lists(st.sampled_from(TAGS), max_size=3, unique=True))),
            "note": draw(st.sampled_from(["", "", "Compare the theory.", "Élan vital!", "x"])),
            "color": draw(st.sampled_from(COLORS)),
            "created": draw(st.sampled_from(DAYS)),
            "updated": draw(st.sampled_from(DAYS)),
        }
        for _ in range(draw(st.integers(0, 12)))
    ]
    return articles, highlights


def build(root: Path, spec: tuple[list[Article], list[dict[str, object]]]) -> Notebook:
    articles, highlights = spec
    nb = Notebook.open(root, writer=FileWriter(durable=False))
    with nb.batch():
        for article in articles:
            nb.save_article(article)
        for i, d in enumerate(highlights):
            article = articles[int(d["article"])]  # type: ignore[call-overload]
            text = article.text
            start = min(int(d["start"]), len(text) - 1)  # type: ignore[call-overload]
            end = min(len(text), start + int(d["length"]))  # type: ignore[call-overload]
            nb.add_highlight(Highlight(
                article_id=article_id_for(article),
                target=Target.of(text, start, end, article.text_hash),
                tags=d["tags"],  # type: ignore[arg-type]
                note=str(d["note"]), color=str(d["color"]), id=f"h{i:03d}",
                created=str(d["created"]), updated=str(d["updated"]),
            ))
    return nb


filters = st.builds(
    HighlightFilter,
    all_tags=st.lists(st.sampled_from(TAGS), max_size=2).map(tuple),
    any_tags=st.lists(st.sampled_from(TAGS), max_size=2).map(tuple),
    colors=st.lists(st.sampled_from(COLORS), max_size=2).map(tuple),
    since=st.sampled_from([None, "2024", "2025-03", "2025-03-01T12:00"]),
    until=st.sampled_from([None, "2024", "2025-03", "2026-01-01"]),
    text=st.lists(st.sampled_from([*VOCAB, "th", "ca", "É", "e", "-"]), max_size=2).map(" ".join),
    sort=st.sampled_from(list(HighlightSort)),
    limit=st.sampled_from([None, 1, 3]),
)

word_st = st.sampled_from(VOCAB).flatmap(lambda w: st.integers(1, len(w)).map(lambda n: w[:n]))
part_st = st.one_of(
    word_st,
    word_st.map(lambda w: "-" + w),
    st.lists(st.sampled_from(VOCAB), min_size=1, max_size=2).map(
        lambda ws: '"' + " ".join(ws) + '"'
    ),
    st.sampled_from(TAGS).map(lambda t: "tag:" + t),
    st.sampled_from(["site:example", "site:review", "site:café", "author:sacks", "author:zoe"]),
    st.sampled_from(["in:notes", "in:quotes", "in:articles"]),
    st.sampled_from(["after:2025", "before:2025-03", "after:2024-03-01"]),
)
queries = st.lists(part_st, min_size=1, max_size=4).map(" ".join)


def body_of(nb: Notebook) -> Callable[[SavedArticle], str]:
    def body(record: SavedArticle) -> str:
        try:
            return nb.load_article(record.id).text
        except GlossError:
            return ""

    return body


def assert_same(nb: Notebook, index: QueryIndex, fs: list[HighlightFilter], qs: list[str]) -> None:
    assert index.articles() == nb.articles()
    assert index.highlight_counts() == nb.highlight_counts()
    assert index.tags() == nb.tags()
    assert len(index) == len(nb)
    for f in fs:
        assert index.query(f) == nb.query(f), f
        assert index.tags(f) == nb.tags(f), f
    records = {a.id: a for a in nb.articles()}
    for text in qs:
        q = parse_query(text)
        every = search_index(index, q, limit=None)
        got = {(hit.kind, hit.id) for hit in every.hits}
        assert got == scan(q, nb.highlights(), records, body_of(nb)), text
        assert every.total == len(every.hits)
        # A hit carries its highlight's record as the index stores it: the very record the
        # notebook's Highlight gives (`gloss search --json` prints it without reading it).
        for hit in every.hits:
            h = nb.highlight(hit.id) if hit.kind == "highlight" else None
            assert hit.stored == (h.to_dict() if h else None), text
            assert hit.highlight == h, text
            if h is not None:
                record = records.get(h.article_id)
                assert (hit.title, hit.date, hit.position) == (
                    record.title if record else h.article_id, h.created, h.target.position.start
                ), text
        best = search_index(index, q, limit=2)  # SQLite ranks and cuts: the same first two
        assert (best.hits, best.total) == (every.hits[:2], every.total), text


@SETTINGS
@given(spec=notebooks(), fs=st.lists(filters, min_size=1, max_size=4),
       qs=st.lists(queries, min_size=1, max_size=5), writes=st.randoms(use_true_random=False))
def test_the_index_answers_what_a_scan_of_the_records_answers(
    spec: tuple[list[Article], list[dict[str, object]]],
    fs: list[HighlightFilter],
    qs: list[str],
    writes: random.Random,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "nb"
        nb = build(root, spec)
        index = open_index(root)
        assert index is not None
        with index:
            assert_same(Notebook.open(root, read_only=True), index, fs, qs)
        # Writes keep it in step: each updates the index after its TinyDB commit.
        for _ in range(3):
            ids = [h.id for h in nb.highlights()]
            action = writes.choice(["tag", "delete", "article", "note"])
            if action == "tag" and ids:
                nb.tag_highlights(writes.sample(ids, min(2, len(ids))), add=["key"], remove=["ux"])
            elif action == "delete" and ids:
                nb.delete_highlight(writes.choice(ids))
            elif action == "note" and ids:
                h = nb.highlight(writes.choice(ids))
                assert h is not None
                nb.update_highlight(h.edited(note="Straße théorie"))
            elif action == "article" and nb.articles():
                nb.delete_article(writes.choice(nb.articles()).id)
        assert not is_stale(NotebookLayout(root))
        index = open_index(root)
        assert index is not None
        with index:
            assert_same(Notebook.open(root, read_only=True), index, fs, qs)


# -- stale, missing, killed ---------------------------------------------------------------

SPEC = (
    [Article(title=f"Article {i} élan", blocks=(Block(BlockKind.PARAGRAPH,
             "The river ran by the garden. Memory is a café of élan. " * (i + 1)),),
             url=f"https://example.com/{i}") for i in range(3)],
    [{"article": i % 3, "start": 4 * i, "length": 20, "tags": (TAGS[i % 5],), "note": "",
      "color": "yellow", "created": DAYS[i % 5], "updated": DAYS[i % 5]} for i in range(9)],
)


def answers(root: Path) -> object:
    index = open_index(root)
    assert index is not None
    with index:
        return (index.articles(), index.highlights(), index.tags(), index.highlight_counts(),
                sorted((h.kind, h.id) for h in search_index(index, parse_query("élan river"),
                                                            limit=None).hits))


def truth(root: Path) -> object:
    nb = Notebook.open(root, read_only=True)
    q = parse_query("élan river")
    found = scan(q, nb.highlights(), {a.id: a for a in nb.articles()}, body_of(nb))
    return (nb.articles(), nb.highlights(), nb.tags(), nb.highlight_counts(), sorted(found))


def folder_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.name != "notebook.lock":
            digest.update(path.relative_to(root).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def test_deleting_the_index_loses_nothing_and_it_lives_outside_the_notebook(
    tmp_path: Path,
) -> None:
    root = tmp_path / "nb"
    build(root, SPEC)
    before = answers(root)
    path = index_file(root)
    assert path.is_file()
    assert root not in path.parents
    assert Path(os.environ["XDG_CACHE_HOME"]) in path.parents
    digest = folder_digest(root)
    path.unlink()
    assert answers(root) == before == truth(root)
    assert folder_digest(root) == digest  # reading, building: nothing written to the notebook


def test_a_write_the_index_missed_is_detected_and_caught_up(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    nb = build(root, SPEC)
    answers(root)
    saved = index_file(root).read_bytes()
    nb.tag_highlights(["h001", "h002"], add=["new-tag"])
    nb.delete_article(nb.articles()[0].id)
    index_file(root).write_bytes(saved)  # as if an older Gloss had written: index behind
    assert is_stale(NotebookLayout(root))
    assert answers(root) == truth(root)
    assert not is_stale(NotebookLayout(root))


def test_a_damaged_index_is_rebuilt(tmp_path: Path) -> None:
    root = tmp_path / "nb"
    build(root, SPEC)
    answers(root)
    index_file(root).write_bytes(b"not a database at all" * 100)
    assert answers(root) == truth(root)


def _settle(root: Path) -> None:
    """Date the shards folder a minute back, as a folder last changed long ago is."""
    shards = NotebookLayout(root).shards
    old = shards.stat().st_mtime_ns - 60 * 10**9
    os.utime(shards, ns=(old, old))


def _mark(root: Path) -> str:
    db = open_db(index_file(root))
    try:
        got = db.execute("SELECT value FROM meta WHERE key=?", (MARK,)).fetchone()
    finally:
        db.close()
    return got[0] if got else ""


def _retag(shard: Path, tag: str) -> bytes:
    """The shard's bytes with every highlight's tags set to ``tag`` (another program's edit)."""
    data = json.loads(shard.read_bytes())
    for doc in data["highlights"].values():
        doc["tags"] = [tag]
    return json.dumps(data).encode()


def _shard_of(root: Path) -> Path:
    return max(NotebookLayout(root).shards.glob("*.json"), key=lambda p: p.stat().st_size)


@pytest.mark.parametrize("change", ["replaced", "deleted", "added"])
def test_a_shard_another_program_changes_is_seen_though_the_scan_is_skipped(
    tmp_path: Path, change: str
) -> None:
    # The folder's mark lets a read skip stat-ing every shard; a shard replaced by a rename
    # (as sync tools and git write), deleted or added moves the folder, so it is still seen.
    root = tmp_path / "nb"
    build(root, SPEC)
    shard = _shard_of(root)
    kept = tmp_path / "kept.json"
    if change == "added":  # a shard not there when the index was built
        kept.write_bytes(_retag(shard, "added"))
        shard.unlink()
    _settle(root)
    assert answers(root) == truth(root)
    assert _mark(root) == folder_sig(NotebookLayout(root))  # the next read takes the mark
    if change == "replaced":
        tmp = shard.with_name(".sync-tmp")
        tmp.write_bytes(_retag(shard, "synced"))
        tmp.replace(shard)
    elif change == "deleted":
        shard.unlink()
    else:
        kept.replace(shard)  # back, as another program renames a file in
    assert is_stale(NotebookLayout(root))
    assert answers(root) == truth(root)
    if change != "deleted":
        tags = {t for h in Notebook.open(root, read_only=True).highlights() for t in h.tags}
        assert {"synced", "added"} & tags


def test_a_notebook_json_change_under_a_settled_folder_is_seen(tmp_path: Path) -> None:
    # With the shards folder as marked, notebook.json and the change log are still compared.
    root = tmp_path / "nb"
    nb = build(root, SPEC)
    _settle(root)
    answers(root)
    sig = folder_sig(NotebookLayout(root))
    assert _mark(root) == sig
    saved = index_file(root).read_bytes()
    nb.save_article(replace(SPEC[0][1], title="Renamed river"))
    assert folder_sig(NotebookLayout(root)) == sig  # only notebook.json (and the log) moved
    index_file(root).write_bytes(saved)  # as if an older Gloss had written: index behind
    assert answers(root) == truth(root)
    assert "Renamed river" in {a.title for a in Notebook.open(root, read_only=True).articles()}


def test_a_folder_changed_within_the_settling_time_is_not_trusted(tmp_path: Path) -> None:
    # A folder mtime newer than SETTLED_NS may not move for a change in the same clock tick:
    # no mark then, every shard is compared, and an in-place edit is seen.
    root = tmp_path / "nb"
    build(root, SPEC)  # the folder was written just now
    assert answers(root) == truth(root)
    assert _mark(root) == ""
    shard = _shard_of(root)
    sig = folder_sig(NotebookLayout(root))
    with shard.open("r+b") as f:  # in place: the folder does not change
        data = _retag(shard, "edited")
        f.write(data)
        f.truncate(len(data))
    assert folder_sig(NotebookLayout(root)) == sig
    assert answers(root) == truth(root)
    assert "edited" in {t for h in Notebook.open(root, read_only=True).highlights() for t in h.tags}


def test_a_shard_edited_in_place_under_a_settled_folder_waits_for_the_folder_or_reindex(
    tmp_path: Path,
) -> None:
    # The documented trade-off: a shard rewritten in place (no rename) leaves the folder as it
    # was, so reads trust the mark and answer as before, until the folder changes or
    # `gloss notebook reindex`. is_stale (the full comparison) does see it.
    root = tmp_path / "nb"
    build(root, SPEC)
    _settle(root)
    before = answers(root)
    shard = _shard_of(root)
    with shard.open("r+b") as f:
        data = _retag(shard, "edited")
        f.write(data)
        f.truncate(len(data))
    assert is_stale(NotebookLayout(root))
    assert answers(root) == before != truth(root)
    reindex(root)
    assert answers(root) == truth(root)
    _settle(root)
    answers(root)
    with shard.open("r+b") as f:
        data = _retag(shard, "again")
        f.write(data)
        f.truncate(len(data))
    NotebookLayout(root).shards.joinpath("unrelated.txt").write_text("x")  # the folder moves
    assert answers(root) == truth(root)


def _killed(action: Callable[[], object]) -> bool:
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child: killed, or exits
        code = 0
        try:
            action()
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True
    assert os.WEXITSTATUS(status) == 0
    return False


def _write(root: Path) -> None:
    nb = Notebook.open(root)
    with nb.batch():
        nb.tag_highlights(["h001", "h004"], add=["killed"], remove=["theory"])
        nb.delete_highlight("h002")
        nb.save_article(replace(SPEC[0][1], title="Renamed river"))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_a_kill_at_any_step_of_a_write_leaves_the_index_right_or_detected_stale(
    tmp_path: Path,
) -> None:
    prepared = tmp_path / "prepared"
    build(prepared, SPEC)
    spare = tmp_path / "spare"
    shutil.copytree(prepared, spare)
    answers(spare)
    steps = count_steps(lambda: _write(spare))
    total = steps.count
    assert f"index {index_file(spare).name}" in steps.seen  # the index's commit is a step
    stale_seen = 0
    for k in range(1, total + 1):
        root = tmp_path / f"k{k}"
        shutil.copytree(prepared, root)
        answers(root)  # its index, built

        def run(root: Path = root, k: int = k) -> None:
            with injecting(Steps(k, kill=True)):
                _write(root)

        assert _killed(run), f"step {k} of {total}"
        layout = NotebookLayout(root)
        if is_stale(layout):
            stale_seen += 1
        else:  # not stale: then it must be right as it stands
            raw = QueryIndex(open_db(index_file(root)), layout)
            nb = Notebook.open(root, read_only=True)
            assert (raw.articles(), raw.highlights()) == (nb.articles(), nb.highlights())
        Notebook.open(root)  # a writer's open undoes a write a kill cut short
        assert answers(root) == truth(root), f"step {k} of {total}"
    assert stale_seen  # kills did land between the files and the index


def test_highlights_read_in_chunks_are_the_notebooks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The index parses its docs a chunk at a time: several chunks and a last, partial one
    # give every highlight, in order, as the notebook has it.
    from tests.support.notebookgen import generate
    from tui.core.notebook.qindex import view

    monkeypatch.setattr(view, "_CHUNK", 7)
    generate(tmp_path / "nb", 150, 5)
    nb = Notebook.open(tmp_path / "nb")
    index = open_index(tmp_path / "nb")
    assert index is not None
    with index:
        assert index.highlights() == nb.highlights()
        some = nb.articles()[2].id
        assert index.highlights(some) == nb.highlights(some)
        assert len(index.highlights()) == 150
