"""readability's unused imports (urllib.request, chardet) wait until something uses them.

Each test runs a fresh interpreter: what a module imports is only visible before anything
else in the process has imported it.
"""

from __future__ import annotations

import subprocess
import sys

from tests.support.paths import ROOT


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    return done.stdout.strip()


def test_importing_the_cleaner_runs_neither() -> None:
    out = _run(
        "import sys\n"
        "import tui.core.extract\n"
        "from tui.core.extract import extract\n"
        "extract('<html><body><article><p>One sentence of prose, long enough here.</p>'\n"
        "        '<p>And a second sentence, to make a real article of it.</p></article>'\n"
        "        '</body></html>', 'https://example.org/a')\n"
        "print(sorted(m for m in ('http.client', 'ssl', 'email.parser', 'tempfile', "
        "'urllib.response', 'chardet.universaldetector') if m in sys.modules))"
    )
    assert out == "[]"


def test_each_runs_when_used() -> None:
    out = _run(
        "import tui.core.extract\n"
        "import urllib.request\n"
        "from readability.encoding import get_encoding\n"
        "print(urllib.request.url2pathname('/a%20b'))\n"
        "import urllib.error; print(urllib.error.HTTPError.__name__)\n"
        "print(get_encoding('<p>caf\\u00e9 cr\\u00e8me br\\u00fbl\\u00e9e</p>'.encode('utf-8')))\n"
        "import sys; print(type(sys.modules['urllib.request']).__name__)"
    )
    assert out.splitlines() == ["/a b", "HTTPError", "utf-8", "module"]


def test_an_imported_module_is_left_as_it_is() -> None:
    out = _run(
        "import urllib.request\n"
        "real = urllib.request\n"
        "import tui.core.extract\n"
        "import sys; print(sys.modules['urllib.request'] is real)"
    )
    assert out == "True"
