"""A small world of machines sharing one notebook through a local bare git repository.

Each machine is a notebook folder (a clone); operations go through the real Notebook API and
syncs through the real `tui.core.sync` with real git. :func:`run` applies random operations
(add, tag, untag, note, colour, delete highlight, delete article, import) and random syncs,
then lets every machine sync twice, and checks what sync promises: the notebooks are
byte-identical, every operation is reflected unless another on the same field superseded it,
no deleted highlight comes back (unless kept, flagged, because another machine edited it),
and no acknowledged highlight disappears.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.model import Highlight, SavedArticle, Target, now_iso
from tui.core.model.article import Article, Block, BlockKind
from tui.core.model.records import article_id_for
from tui.core.notebook import DELETED_ELSEWHERE, Edit, Notebook
from tui.core.sync import init, sync

TEXT = (
    "Alpha beta gamma delta. Epsilon zeta eta theta. Iota kappa lambda mu. "
    "Nu xi omicron pi. Rho sigma tau upsilon. Phi chi psi omega."
)
TAGS = ("red", "green", "blue", "idea")
NOTES = ("first", "second", "third", "")


def git_env() -> None:
    """Git in tests reads no user or system config and never prompts."""
    os.environ["GIT_CONFIG_GLOBAL"] = os.devnull
    os.environ["GIT_CONFIG_NOSYSTEM"] = "1"
    os.environ["GIT_TERMINAL_PROMPT"] = "0"


def article(n: int) -> Article:
    """The n-th test article (a distinct URL, the same text)."""
    return Article(
        title=f"Article {n}",
        blocks=(Block(BlockKind.PARAGRAPH, TEXT),),
        url=f"https://example.com/{n}",
    )


def data_files(root: Path) -> dict[str, bytes]:
    """Every synced file of a notebook by relative name, with its bytes."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and (
            rel == "notebook.json" or rel.startswith(("highlights/", "snapshots/"))
        ):
            out[rel] = path.read_bytes()
    return out


@dataclass
class Machine:
    """One machine's notebook."""

    name: str
    root: Path

    def open(self) -> Notebook:
        return Notebook.open(self.root)

    def sync(self) -> list[str]:
        return sync(self.root, machine=self.name).lines


@dataclass
class Ledger:
    """What operations did, to check the end state against."""

    added: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)  # highlight ids, directly or by article
    tag_adds: set[tuple[str, str]] = field(default_factory=set)  # (highlight, tag) added
    tag_removes: set[tuple[str, str]] = field(default_factory=set)
    notes: dict[str, set[str]] = field(default_factory=dict)  # every value set, per highlight
    colors: dict[str, set[str]] = field(default_factory=dict)
    first: dict[str, Highlight] = field(default_factory=dict)


def make_world(root: Path, count: int = 3) -> list[Machine]:
    """``count`` machines joined to one new bare repository under ``root``."""
    git_env()
    remote = root / "remote.git"
    machines = [Machine(f"m{i}", root / f"m{i}") for i in range(count)]
    for m in machines:
        init(m.root, str(remote), machine=m.name)
    return machines


def run(root: Path, seed: int, steps: int = 30, count: int = 3) -> tuple[list[str], list[str]]:
    """Random operations and syncs; return (what was done, the broken promises)."""
    rng = random.Random(seed)
    machines = make_world(root, count)
    ledger = Ledger()
    taken: list[str] = []
    articles = 0
    for _ in range(steps):
        m = rng.choice(machines)
        choice = rng.random()
        if choice < 0.2:
            m.sync()
            taken.append(f"{m.name} sync")
            continue
        nb = m.open()
        kind = rng.choice(
            ["add", "add", "tag", "untag", "note", "colour", "delete", "delete-article",
             "import", "save"]
        )
        highlights = nb.highlights()
        if kind == "save" or not nb.articles():
            articles += 1
            nb.save_article(article(articles))
            taken.append(f"{m.name} save article {articles}")
        elif kind == "import":
            articles += 1
            a = article(articles)
            nb.add_articles([SavedArticle(id=article_id_for(a), title=a.title, url=a.url)])
            taken.append(f"{m.name} import article {articles}")
        elif kind == "add" or not highlights:
            record = rng.choice(nb.articles())
            start = rng.randrange(0, len(TEXT) - 10)
            a = Article(title="", blocks=(Block(BlockKind.PARAGRAPH, TEXT),))
            h = nb.add_highlight(
                Highlight(record.id, Target.of(TEXT, start, start + 8, a.text_hash))
            )
            ledger.added.add(h.id)
            ledger.first[h.id] = h
            taken.append(f"{m.name} add {h.id[:8]}")
        else:
            h = rng.choice(highlights)
            if kind in ("tag", "untag"):
                tag = rng.choice(TAGS)
                present = tag in h.tags
                if kind == "tag":
                    nb.edit_highlight(h.id, Edit(add_tags=(tag,), updated=now_iso()))
                    if not present:
                        ledger.tag_adds.add((h.id, tag))
                else:
                    nb.edit_highlight(h.id, Edit(remove_tags=(tag,), updated=now_iso()))
                    if present:
                        ledger.tag_removes.add((h.id, tag))
                taken.append(f"{m.name} {kind} {h.id[:8]} {tag}")
            elif kind == "note":
                note = rng.choice(NOTES)
                nb.edit_highlight(h.id, Edit(note=note, seen_note=h.note, updated=now_iso()))
                ledger.notes.setdefault(h.id, set()).add(note)
                taken.append(f"{m.name} note {h.id[:8]} {note!r}")
            elif kind == "colour":
                color = rng.choice(("green", "blue", "pink"))
                nb.edit_highlight(h.id, Edit(color=color, seen_color=h.color, updated=now_iso()))
                ledger.colors.setdefault(h.id, set()).add(color)
                taken.append(f"{m.name} colour {h.id[:8]} {color}")
            elif kind == "delete":
                nb.delete_highlight(h.id)
                ledger.deleted.add(h.id)
                taken.append(f"{m.name} delete {h.id[:8]}")
            else:
                gone = nb.delete_article(h.article_id)
                ledger.deleted |= {x.id for x in gone.highlights}
                taken.append(f"{m.name} delete article of {h.id[:8]}")
    for _ in range(2):
        for m in machines:
            m.sync()
    taken.append("every machine synced twice")
    return taken, check(machines, ledger)


def check(machines: list[Machine], ledger: Ledger) -> list[str]:
    """The promises of sync that the end state breaks, one line each."""
    problems = []
    first = data_files(machines[0].root)
    for m in machines[1:]:
        other = data_files(m.root)
        if other != first:
            differ = sorted(k for k in first.keys() | other.keys() if first.get(k) != other.get(k))
            problems.append(f"{m.name} differs from {machines[0].name}: {differ[:3]}")
    nb = machines[0].open()
    final = {h.id: h for h in nb.highlights()}
    for hid in ledger.added - ledger.deleted:
        if hid not in final:
            problems.append(f"acknowledged highlight {hid[:8]} disappeared")
    for hid in ledger.deleted & final.keys():
        if DELETED_ELSEWHERE not in {o.field for o in final[hid].history}:
            problems.append(f"deleted highlight {hid[:8]} came back unflagged")
    # A highlight deleted somewhere and kept (flagged) because another machine edited it
    # holds that machine's edits only: the deleting machine's own edits went with it.
    final = {hid: h for hid, h in final.items() if hid not in ledger.deleted}
    for hid, tag in ledger.tag_adds:
        if hid in final and tag not in final[hid].tags and (hid, tag) not in ledger.tag_removes:
            problems.append(f"tag {tag} added to {hid[:8]} was lost")
    for hid, tag in ledger.tag_removes:
        if hid in final and tag in final[hid].tags and (hid, tag) not in ledger.tag_adds:
            problems.append(f"tag {tag} removed from {hid[:8]} came back")
    for name, values in (("note", ledger.notes), ("color", ledger.colors)):
        for hid, wanted in values.items():
            if hid in final and getattr(final[hid], name) not in wanted:
                problems.append(f"{name} of {hid[:8]} is none of the values set")
    for m in machines:
        if m.open().problems:
            problems.append(f"{m.name} opens with problems: {m.open().problems}")
    return problems
