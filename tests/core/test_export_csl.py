"""Citations in a CSL style file the user points to (``--cite FILE.csl``, citeproc-py): the
seed's export in a small style of our own (golden), Markdown escaping and bare URLs, and
style files that are broken or hostile refused in one line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.core.test_export_golden import check_golden
from tests.core.test_export_seed import seed
from tests.support import paths
from tui.core.errors import UsageError
from tui.core.export import CslStyleError, ExportOptions, export_text, load_csl

STYLE = paths.ROOT / "tests" / "data" / "csl" / "gloss-test.csl"
SEED_ENTRY = (
    "Venable, Nick. “How The Defenders Is Affecting Jessica Jones Season 2”. *CinemaBlend*. "
    "August 13, 2016. {url}. Accessed November 20, 2026."
)


def test_the_seed_export_in_a_csl_style_matches_the_golden() -> None:
    s = seed()
    options = ExportOptions(csl=load_csl(STYLE))
    text = export_text([s.record], list(s.highlights), options, bodies=s.bodies)
    check_golden("csl/article-gloss-test.md", text)
    url = s.record.canonical_url or s.record.url
    assert SEED_ENTRY.format(url=url) in text
    # The quotes are the same as in the default export: only the citation changed.
    default = export_text([s.record], list(s.highlights), bodies=s.bodies)
    assert text.split("\n\n")[3:] == default.split("\n\n")[3:]


def test_the_style_without_an_access_date_and_as_plain_text() -> None:
    s = seed()
    style = load_csl(STYLE)
    assert style.title == "Gloss test style"
    plain = style.cite(s.record, accessed=False, markdown=False)
    assert plain.endswith("CinemaBlend. August 13, 2016. " + (s.record.canonical_url or "") + ".")
    assert "Accessed" not in plain and "*" not in plain


def test_page_text_is_escaped_and_the_url_stays_bare() -> None:
    s = seed()
    record = replace(s.record, title="Why *this* <b>works</b> #1", site_name="A_B [site]",
                     canonical_url="https://example.org/a_b~c?x=1", byline="Jo_Ann Lee")
    line = load_csl(STYLE).cite(record)
    assert line.startswith("Lee, Jo\\_Ann. ")
    assert "“Why \\*this\\* \\<b\\>works\\</b\\> \\#1”" in line
    assert "*A\\_B \\[site\\]*" in line
    assert " https://example.org/a_b~c?x=1." in line


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "style.csl"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not xml at all", "is not a CSL style: not well-formed XML (Start tag expected"),
        ("<style><info/></style>",
         "is not a CSL style: its root is <style>, not <style> in the CSL namespace"),
        ('<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="note"/>',
         "is not a valid CSL style (line 1: "),
    ],
)
def test_a_broken_style_is_one_line(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(CslStyleError) as caught:
        load_csl(path)
    assert f"{path} {message}" in caught.value.message
    assert "\n" not in caught.value.message
    assert isinstance(caught.value, UsageError) and caught.value.exit_code == 2


def test_entities_and_external_files_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    source = STYLE.read_text(encoding="utf-8").replace(
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE style [<!ENTITY s SYSTEM '
        f'"file://{secret}">]>',
    ).replace("<title>Gloss test style</title>", "<title>&s;</title>")
    path = write(tmp_path, source)
    with pytest.raises(CslStyleError) as caught:
        load_csl(path)
    assert caught.value.message == (
        f"{path} is refused: a CSL style has no DOCTYPE (entities and external files are "
        "not read)"
    )


def test_a_missing_or_huge_style_file(tmp_path: Path) -> None:
    with pytest.raises(CslStyleError, match=r"cannot read the CSL style .*nope\.csl: No such"):
        load_csl(tmp_path / "nope.csl")
    big = write(tmp_path, "<x>" + " " * 2_000_001 + "</x>")
    with pytest.raises(CslStyleError, match="is too big for a CSL style"):
        load_csl(big)
