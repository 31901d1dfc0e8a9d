"""`gloss sync init|status|log` and `gloss sync`, and the notebook verbs sync carries
(`gloss notebook delete|edit|delete-article`), through a subprocess with real git and a
local bare repository."""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.cli.test_cli_notebook import CAFE_ID, assert_one_line_error, gloss, seed_notebook
from tests.core.test_export_seed import seed
from tui.core.notebook.api import Notebook
from tui.core.sync import IGNORED

GIT = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"}


def on(machine: str) -> dict[str, str]:
    return {**GIT, "GLOSS_MACHINE": machine}


def test_init_sync_status_and_log_between_two_machines(tmp_path: Path) -> None:
    laptop, desk, remote = tmp_path / "laptop", tmp_path / "desk", tmp_path / "shared.git"
    seed_notebook(laptop, cafe=True)
    done = gloss("sync", "init", remote, "--notebook", laptop, env=on("laptop"))
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        f"made {laptop} a git repository\n"
        f"created a bare repository at {remote}\n"
        "committed highlights: 4 added; articles: 2 added\n"
        "pushed to the remote\n"
    )
    assert (laptop / ".gitignore").read_text() == IGNORED
    done = gloss("sync", "init", remote, "--notebook", desk, env=on("desk"))
    assert done.stdout == (
        f"made {desk} a git repository\n"
        "took highlights: 4 added; articles: 2 added from the remote\n"
    )
    assert gloss("notebook", "edit", CAFE_ID[:8], "--tag", "french", "--note", "élan",
                 "--notebook", desk).stdout == CAFE_ID + "\n"
    done = gloss("sync", "--notebook", desk, env=on("desk"))
    assert done.stdout == "committed highlights: 1 edited\npushed to the remote\n"
    done = gloss("sync", "--notebook", laptop, env=on("laptop"))
    assert done.stdout == "took highlights: 1 edited from the remote\n"
    h = Notebook.open(laptop).highlight(CAFE_ID)
    assert h is not None and (h.tags, h.note) == (("philosophy", "french"), "élan")
    assert gloss("sync", "--notebook", laptop, env=on("laptop")).stdout == "up to date\n"
    status = gloss("sync", "status", "--notebook", laptop, env=on("laptop")).stdout.splitlines()
    assert status[0] == f"remote: {remote}"
    assert status[2:4] == ["ahead 0, behind 0 (as of the last sync)", "local changes: none"]
    log = gloss("sync", "log", "--notebook", laptop, env=on("laptop")).stdout.splitlines()
    assert [line.split("  ", 2)[2] for line in log] == [
        "desk  highlights: 1 edited",
        "laptop  highlights: 4 added; articles: 2 added",
    ]


def test_sync_without_git_is_one_clear_line(tmp_path: Path) -> None:
    seed_notebook(tmp_path / "nb")
    empty = tmp_path / "bin"
    empty.mkdir()
    done = gloss("sync", "init", "--notebook", tmp_path / "nb", env={**GIT, "PATH": str(empty)})
    assert_one_line_error(
        done, 7, "sync needs the git command, which is not installed or not on PATH (install "
        "git from your package manager or https://git-scm.com)",
    )


def test_sync_before_init_says_what_to_run(tmp_path: Path) -> None:
    seed_notebook(tmp_path / "nb")
    done = gloss("sync", "--notebook", tmp_path / "nb", env=GIT)
    assert_one_line_error(
        done, 7, f"the notebook {tmp_path / 'nb'} is not synced yet: run 'gloss sync init "
        "[REMOTE]'",
    )


def test_an_unreachable_remote_is_reported_and_nothing_is_lost(tmp_path: Path) -> None:
    nb, remote = tmp_path / "nb", tmp_path / "remote.git"
    s = seed_notebook(nb)
    gloss("sync", "init", remote, "--notebook", nb, env=on("a"))
    remote.rename(tmp_path / "gone.git")
    gloss("notebook", "delete", s.highlights[0].id, "--notebook", nb)
    done = gloss("sync", "--notebook", nb, env=on("a"))
    assert done.returncode == 7
    lines = done.stdout.splitlines()
    assert lines[0] == "committed highlights: 1 deleted"
    assert lines[1].startswith("offline: the remote cannot be reached (")


def test_notebook_delete_edit_and_delete_article(tmp_path: Path) -> None:
    nb = tmp_path / "nb"
    s = seed_notebook(nb, cafe=True)
    first, second = s.highlights[0].id, s.highlights[1].id
    done = gloss("notebook", "delete", first[:8], second, "--notebook", nb)
    assert (done.returncode, done.stdout, done.stderr) == (
        0, f"{first}\n{second}\n", "gloss: deleted 2 highlights\n"
    )
    done = gloss("notebook", "edit", CAFE_ID, "--untag", "philosophy", "--tag", "a,b",
                 "--color", "2", "--notebook", nb)
    assert done.stdout == CAFE_ID + "\n"
    h = Notebook.open(nb).highlight(CAFE_ID)
    assert h is not None and (h.tags, h.color, h.note) == (("a", "b"), "green",
                                                           "Bergson, *Creative Evolution*")
    assert_one_line_error(
        gloss("notebook", "edit", CAFE_ID, "--notebook", nb), 2,
        "nothing to change: give --tag, --untag, --note or --color",
    )
    assert_one_line_error(
        gloss("notebook", "delete", "ffffffff", "--notebook", nb), 2,
        "no highlight with an id starting 'ffffffff'",
    )
    article_id = seed().record.id
    done = gloss("notebook", "delete-article", article_id, "--notebook", nb)
    assert (done.stdout, done.stderr) == (
        article_id + "\n", "gloss: deleted 1 article and 1 highlight\n"
    )
    assert Notebook.open(nb).article(article_id) is None


class _Refuses(BaseHTTPRequestHandler):
    """A git host on 127.0.0.1 that asks every request for credentials and takes none."""

    def do_GET(self) -> None:
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="git"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads gloss's output, not the server's."""


@pytest.fixture
def refusing_host() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Refuses)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_remote_that_refuses_access_is_one_line_and_no_token_is_shown(
    tmp_path: Path, refusing_host: str
) -> None:
    nb = tmp_path / "nb"
    s = seed_notebook(nb)
    before = {p: p.read_bytes() for p in nb.rglob("*") if p.is_file() and p.suffix == ".json"}
    # A token in the address (as people paste them) must never reach the terminal.
    url = f"http://alice:s3cr3t-TOKEN@{refusing_host}/notebook.git"
    done = gloss("sync", "init", url, "--notebook", nb, env=on("a"))
    assert done.returncode == 7 and done.stdout == ""
    assert done.stderr.startswith("gloss: the remote refused access (")
    assert done.stderr.endswith("); check your ssh key or token\n")
    assert done.stderr.count("\n") == 1 and "s3cr3t" not in done.stderr
    assert not (nb / ".git").exists()  # a refused init leaves no half-made repository
    after = {p: p.read_bytes() for p in nb.rglob("*") if p.is_file() and p.suffix == ".json"}
    assert after == before and len(Notebook.open(nb).highlights()) == len(s.highlights)


def test_a_synced_notebook_whose_remote_starts_refusing_keeps_its_changes(
    tmp_path: Path, refusing_host: str
) -> None:
    nb, remote = tmp_path / "nb", tmp_path / "remote.git"
    s = seed_notebook(nb)
    assert gloss("sync", "init", remote, "--notebook", nb, env=on("a")).returncode == 0
    subprocess.run(["git", "-C", str(nb), "remote", "set-url", "origin",
                    f"http://{refusing_host}/notebook.git"], check=True, env={**os.environ, **GIT})
    gloss("notebook", "delete", s.highlights[0].id, "--notebook", nb)
    done = gloss("sync", "--notebook", nb, env=on("a"))
    assert done.returncode == 7
    assert done.stderr.startswith("gloss: the remote refused access (fatal: could not read "
                                  "Username for 'http://127.0.0.1:")
    assert done.stderr.count("\n") == 1
    # The deletion is committed here and waits for the next sync that gets through.
    assert Notebook.open(nb).highlight(s.highlights[0].id) is None
    log = subprocess.run(["git", "-C", str(nb), "log", "--format=%s"], capture_output=True,
                         text=True, check=True, env={**os.environ, **GIT}).stdout
    assert len(log.splitlines()) == 2
