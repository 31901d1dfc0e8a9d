"""The notebook soak: random SIGKILLs of real writers, and concurrent writers, then a check
that every acknowledged change is there and none is half applied.

* :func:`kill_soak` kills writers at random: ``gloss highlight`` and ``gloss import``
  subprocesses after a random delay, and forked API writers (adding, bulk tagging, renaming a
  tag across shards, deleting an article with its highlights, importing, editing notes) at a
  random I/O step (tests/support/faults.py), so many kills land inside journal commits.
  A change counts as acknowledged once its writer said so (exit 0, or a line on a pipe).
  After each kill the notebook must open (read-only, then for writing), hold every
  acknowledged change, and hold the change in flight wholly or not at all.
* :func:`race_soak` runs 4 writers at once, round after round: ``gloss highlight`` on one
  passage, ``gloss highlight`` on 4 passages, and API writers editing one highlight from a
  record read long before; every acknowledged tag must be there.

Both return :class:`Figures`; the suite runs them small, the ``soak`` benchmark long.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from tests.support import paths
from tests.support.faults import Steps, injecting
from tests.support.notebookgen import make_article
from tui.core.export.annotations import annotation_collection
from tui.core.model.highlight import Highlight, Target
from tui.core.model.records import SavedArticle
from tui.core.notebook.api import Notebook

SAMPLE = paths.ROOT / "samples" / "jessica-jones-season-2.html"
SAME = "Kilgrave"
DIFFERENT = ("So far so good.", "It's working out.", "titular badass", "Melissa Rosenberg no doubt")


@dataclass
class Figures:
    """What a soak found. ``unopenable``, ``lost`` and ``half_applied`` must be 0."""

    kills: int = 0
    kills_in_commit: int = 0  # kills that left a multi-file write to undo
    acknowledged: int = 0  # acknowledged changes checked
    unopenable: int = 0
    lost: int = 0
    half_applied: int = 0
    duplicates: int = 0  # extra highlights of the one passage raced by gloss highlight
    writes: int = 0  # racing writes acknowledged
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def problem(self, what: str) -> None:
        if len(self.problems) < 20:
            self.problems.append(what)


def gloss_command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "tui", *map(str, args)]


# -- what must hold ----------------------------------------------------------------------------


@dataclass
class Facts:
    """Acknowledged changes: what the notebook must hold now."""

    tags: dict[str, set[str]] = field(default_factory=dict)  # highlight -> tags it has
    gone_tags: dict[str, set[str]] = field(default_factory=dict)  # ... and has not (renamed)
    notes: dict[str, str] = field(default_factory=dict)
    gone: set[str] = field(default_factory=set)  # articles and highlights deleted

    def count(self) -> int:
        return sum(map(len, self.tags.values())) + len(self.notes) + len(self.gone)

    def check(self, nb: Notebook, figures: Figures, where: str) -> None:
        for hid, tags in self.tags.items():
            h = nb.highlight(hid)
            missing = tags - set(h.tags) if h is not None else tags
            if missing:
                figures.lost += len(missing)
                figures.problem(f"{where}: {hid[:8]} lost {sorted(missing)}")
        for hid, tags in self.gone_tags.items():
            h = nb.highlight(hid)
            if h is not None and tags & set(h.tags):
                figures.lost += 1
                figures.problem(f"{where}: {hid[:8]} has renamed tags back")
        for hid, note in self.notes.items():
            h = nb.highlight(hid)
            if h is None or h.note != note:
                figures.lost += 1
                figures.problem(f"{where}: {hid[:8]} lost its note")
        for thing in self.gone:
            if nb.highlight(thing) is not None or nb.article(thing) is not None:
                figures.lost += 1
                figures.problem(f"{where}: {thing[:8]} deleted, but back")

    def apply(self, ack: dict[str, Any]) -> None:
        kind = ack["op"]
        if kind in ("add", "bulk", "import", "cli"):
            for hid in ack["ids"]:
                self.tags.setdefault(hid, set()).add(ack["tag"])
        elif kind == "rename":
            for hid in ack["ids"]:
                self.tags.setdefault(hid, set()).discard(ack["old"])
                self.tags[hid].add(ack["tag"])
                self.gone_tags.setdefault(hid, set()).add(ack["old"])
        elif kind == "note":
            self.notes[ack["ids"][0]] = ack["note"]
        elif kind == "delete":
            self.gone |= {ack["article"], *ack["ids"]}
            for hid in ack["ids"]:
                self.tags.pop(hid, None)


def whole(nb: Notebook, op: dict[str, Any]) -> bool:
    """Whether the write ``op`` (begun, maybe cut short) is in the notebook wholly or not at
    all."""
    kind, ids = op["op"], op.get("ids", [])
    hs = [nb.highlight(i) for i in ids]
    if kind in ("bulk", "import"):
        marks = {h is not None and op["tag"] in h.tags for h in hs}
        if kind == "import":
            marks.add(nb.article(op["article"]) is not None)
        return len(marks) <= 1
    if kind == "rename":
        states = {(op["old"] in h.tags, op["tag"] in h.tags) if h else None for h in hs}
        # (False, False): killed in its first step, which puts the old tag on every one
        return len(states) == 1 and states <= {(True, False), (False, True), (False, False)}
    if kind == "delete":
        present = {nb.article(op["article"]) is not None, *(h is not None for h in hs)}
        return len(present) == 1
    return True  # one file: all or nothing by its rename


# -- the killed writers -------------------------------------------------------------------------


class ApiWriter:
    """A forked writer doing random multi-file writes; reports each on a pipe before
    (``begin``) and after (``ack``) it."""

    def __init__(self, root: Path, articles: list[str], facts: Facts, rng: random.Random) -> None:
        self.root, self.articles, self.facts, self.rng = root, articles, facts, rng

    def run(self, n: int, out: int, kill_at: int, seed: int) -> None:  # pragma: no cover
        self.rng = random.Random(seed)  # its own: ids drawn here are drawn nowhere else
        nb = Notebook.open(self.root)
        texts = {a: nb.load_article(a).text for a in self.articles}
        say = lambda kind, op: os.write(out, (kind + " " + json.dumps(op) + "\n").encode())  # noqa: E731
        with injecting(Steps(kill_at, kill=True)):
            for m in range(12):
                op = self.next_op(nb, texts, f"{n}-{m}")
                say("begin", op)
                self.do(nb, op, texts)
                say("ack", op)

    def next_op(self, nb: Notebook, texts: dict[str, str], name: str) -> dict[str, Any]:
        rng = self.rng
        known = [h for h in (nb.highlight(i) for i in self.facts.tags) if h is not None]
        kind = rng.choice(["add", "bulk", "rename", "delete", "import", "note"])
        if kind in ("bulk", "rename", "note") and len(known) < 3:
            kind = "add"
        if kind == "add":
            a = rng.choice(self.articles)
            return {
                "op": "add",
                "article": a,
                "tag": "a" + name,
                "ids": [_new_id(rng)],
                "at": rng.randrange(len(texts[a]) - 10),
            }
        if kind == "bulk":
            ids = [h.id for h in rng.sample(known, 3)]
            return {"op": "bulk", "tag": "b" + name, "ids": ids}
        if kind == "rename":  # a tag on highlights in several shards: a multi-file write
            ids = [h.id for h in rng.sample(known, 3)]
            return {"op": "rename", "old": "r" + name, "tag": "c" + name, "ids": ids}
        if kind == "note":
            return {"op": "note", "note": "note " + name, "ids": [rng.choice(known).id]}
        if kind == "import":
            return {
                "op": "import",
                "tag": "i" + name,
                "article": "imp" + name.replace("-", "x"),
                "ids": [_new_id(rng) for _ in range(3)],
            }
        return {"op": "delete", "article": "", "ids": [], "name": name}

    def do(self, nb: Notebook, op: dict[str, Any], texts: dict[str, str]) -> None:
        kind = op["op"]
        if kind == "add":
            nb.add_highlight(_mark(op["article"], texts[op["article"]], op["at"], op))
        elif kind == "bulk":
            nb.tag_highlights(op["ids"], add=[op["tag"]])
        elif kind == "rename":
            nb.tag_highlights(op["ids"], add=[op["old"]])  # then the rename moves it
            nb.rename_tag(op["old"], op["tag"])
        elif kind == "note":
            h = nb.highlight(op["ids"][0])
            assert h is not None
            nb.update_highlight(h.edited(note=op["note"]))
        elif kind == "import":
            record = SavedArticle(id=op["article"], title="Imported", url="https://e.com/i")
            first = self.articles[0]
            with nb.batch():
                nb.add_articles([record])
                nb.add_highlights(
                    [
                        _mark(op["article"], "x" * 40, 3 * i, op, hid=hid)
                        for i, hid in enumerate(op["ids"][:2])
                    ]
                    + [_mark(first, texts[first], 7, op, hid=op["ids"][2])]
                )
        else:  # save an article with highlights, then delete it: the begin/ack are of the delete
            article = make_article(random.Random(op["name"]), 1000)
            article = type(article)(**{**article.__dict__, "url": f"https://d.com/{op['name']}"})
            record = nb.save_article(article)
            hs = nb.add_highlights(
                [_mark(record.id, article.text, 5 * i, {"tag": "d"}) for i in range(2)]
            )
            op["article"], op["ids"] = record.id, [h.id for h in hs]
            nb.delete_article(record.id)


def _run_writer(writer: ApiWriter, n: int, kill_at: int, seed: int, out: int) -> None:
    writer.run(n, out, kill_at, seed)  # pragma: no cover - in a child


def _new_id(rng: random.Random) -> str:
    import uuid

    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _mark(
    article_id: str, text: str, at: int, op: dict[str, Any], hid: str | None = None
) -> Highlight:
    target = Target.of(text, at, min(len(text), at + 6), "")
    hid = hid or (op["ids"][0] if op.get("ids") else _new_id(random.Random()))
    return Highlight(article_id, target, tags=(op["tag"],), id=hid)


def _fork(run: Callable[[int], None]) -> tuple[int, int]:
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            os.close(r)
            run(w)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(w)
    return pid, r


def _read_all(fd: int) -> str:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode()


def _import_file(folder: Path, n: int, article_id: str, rng: random.Random) -> tuple[Path, dict]:
    """A Web Annotation file: a new article with two highlights, one more on ``article_id``."""
    record = SavedArticle(id=f"cli{n}", title=f"Imported {n}", url=f"https://i.com/{n}")
    tag = f"k{n}"
    ids = [_new_id(rng) for _ in range(3)]
    hs = [
        Highlight(record.id, Target.of("y" * 40, 4 * i, 4 * i + 5, ""), (tag,), id=ids[i])
        for i in range(2)
    ] + [Highlight(article_id, Target.of("z" * 40, 9, 15, ""), (tag,), id=ids[2])]
    other = SavedArticle(id=article_id, title="x", url="https://e.com/x")
    path = folder / f"import-{n}.json"
    path.write_text(json.dumps(annotation_collection([record, other], hs)), encoding="utf-8")
    return path, {"op": "import", "tag": tag, "article": record.id, "ids": ids}


def kill_soak(
    folder: Path, kills: int, *, seed: int = 7, figures: Figures | None = None
) -> Figures:
    """``kills`` random SIGKILLs of CLI and API writers on one notebook (see module doc)."""
    figures = figures or Figures()
    rng = random.Random(seed)
    root = folder / "killed"
    started = time.monotonic()
    subprocess.run(
        gloss_command("highlight", SAMPLE, "--quote", SAME, "--notebook", root, "--quiet"),
        check=True,
        capture_output=True,
    )
    nb = Notebook.open(root)
    articles = [nb.save_article(make_article(random.Random(i), i)).id for i in range(3)]
    facts = Facts()
    writer = ApiWriter(root, articles, facts, rng)
    n = 0
    while figures.kills < kills:
        n += 1
        inflight: dict[str, Any] | None = None
        choice = rng.random()
        if choice < 0.5:
            kill_at, child_seed = rng.randint(1, 260), rng.getrandbits(64)
            pid, fd = _fork(partial(_run_writer, writer, n, kill_at, child_seed))
            lines = _read_all(fd).splitlines()
            _, status = os.waitpid(pid, 0)
            killed = os.WIFSIGNALED(status)
            for line in lines:
                kind, _, body = line.partition(" ")
                if not body.endswith("}"):
                    continue  # a line the kill cut short
                op = json.loads(body)
                if kind == "ack":
                    facts.apply(op)
                    inflight = None
                else:
                    inflight = op
        else:
            args: tuple[str | Path, ...]
            if choice < 0.8:
                quote = rng.choice((SAME, *DIFFERENT))
                tag = f"h{n}"
                args = ("highlight", SAMPLE, "--quote", quote, "--tag", tag, "--quiet")
                op = {"op": "cli", "tag": tag}
            else:
                path, op = _import_file(folder, n, articles[0], rng)
                args = ("import", path)
            proc = subprocess.Popen(
                gloss_command(*args, "--notebook", root),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            try:
                out, _ = proc.communicate(timeout=rng.uniform(0.05, 0.9))
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGKILL)
                out, _ = proc.communicate()
            killed = proc.returncode == -signal.SIGKILL
            if proc.returncode == 0:
                if op["op"] == "cli":
                    op["ids"] = [out.decode().strip()]
                facts.apply(op)
            elif killed:
                inflight = op if op["op"] == "import" else None
            else:
                figures.problem(f"round {n}: {args[0]} exited {proc.returncode}")
        if not killed:
            continue
        figures.kills += 1
        if (root / "undo" / "manifest.json").exists():
            figures.kills_in_commit += 1
        _check(root, facts, inflight, figures, f"kill {figures.kills}")
    figures.acknowledged += facts.count()
    figures.seconds += time.monotonic() - started
    return figures


def _check(
    root: Path, facts: Facts, inflight: dict[str, Any] | None, figures: Figures, where: str
) -> None:
    for read_only in (True, False):
        try:
            nb = Notebook.open(root, read_only=read_only)
        except Exception as error:  # counted, never raised: the soak goes on
            figures.unopenable += 1
            figures.problem(f"{where}: cannot open ({read_only=}): {error}")
            return
        if inflight is not None and not whole(nb, inflight):
            figures.half_applied += 1
            figures.problem(f"{where}: half applied ({read_only=}): {inflight}")
        facts.check(nb, figures, where + f" ({read_only=})")


# -- racing writers -----------------------------------------------------------------------------


def race_soak(
    folder: Path, writers: int, rounds: int, *, figures: Figures | None = None
) -> Figures:
    """``writers`` writers at once, ``rounds`` times: on one passage, on different ones."""
    figures = figures or Figures()
    root = folder / "raced"
    started = time.monotonic()
    subprocess.run(
        gloss_command("highlight", SAMPLE, "--quote", DIFFERENT[0], "--notebook", root, "--quiet"),
        check=True,
        capture_output=True,
    )
    facts = Facts()
    acked: dict[str, set[str]] = {}  # quote -> tags acknowledged for it
    quotes = [SAME] * writers, [DIFFERENT[i % len(DIFFERENT)] for i in range(writers)]
    for r in range(rounds):
        for group, chosen in enumerate(quotes):
            procs = []
            for i, quote in enumerate(chosen):
                tag = f"w{group}-{i}-{r}"
                cmd = gloss_command(
                    "highlight",
                    SAMPLE,
                    "--quote",
                    quote,
                    "--tag",
                    tag,
                    "--notebook",
                    root,
                    "--quiet",
                )
                procs.append((quote, tag, subprocess.Popen(cmd, stdout=subprocess.PIPE)))
            for quote, tag, proc in procs:
                proc.wait()
                assert proc.stdout is not None
                hid = proc.stdout.read().decode().strip()
                proc.stdout.close()
                if proc.returncode == 0:
                    figures.writes += 1
                    acked.setdefault(quote, set()).add(tag)
                    facts.apply({"op": "cli", "tag": tag, "ids": [hid]})
                else:
                    figures.problem(f"round {r}: gloss highlight exited {proc.returncode}")
    _race_api(root, writers, rounds, facts, figures)
    nb = Notebook.open(root)
    facts.check(nb, figures, "race")
    for quote, tags in acked.items():
        same = [h for h in nb.highlights() if h.quote == quote]
        have = set().union(*(h.tags for h in same))
        figures.lost += len(tags - have)
        if quote == SAME:
            figures.duplicates += max(0, len(same) - 1)
    figures.acknowledged += facts.count()
    figures.seconds += time.monotonic() - started
    return figures


def _race_api(root: Path, writers: int, rounds: int, facts: Facts, figures: Figures) -> None:
    """API writers editing one highlight from the record each read at its start."""
    nb = Notebook.open(root)
    (h,) = [x for x in nb.highlights() if x.quote == DIFFERENT[0]][:1]

    def child(i: int, out: int) -> None:  # pragma: no cover - in a child
        mine = Notebook.open(root)
        read = mine.highlight(h.id)
        assert read is not None
        for r in range(rounds):
            tag = f"api{i}-{r}"
            mine.update_highlight(read.edited(tags=(*read.tags, tag)), base=read)
            os.write(out, f"{tag}\n".encode())

    children = [_fork(partial(child, i)) for i in range(writers)]
    for pid, fd in children:
        tags = _read_all(fd).split()
        os.waitpid(pid, 0)
        figures.writes += len(tags)
        for tag in tags:
            facts.apply({"op": "cli", "tag": tag, "ids": [h.id]})
