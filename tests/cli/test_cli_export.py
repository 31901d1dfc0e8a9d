"""`gloss export` through a subprocess, against the export goldens in tests/golden/export/.

The notebook is the export seed (the same records the goldens were made from), built once
per module with the core API, so the command's output must equal them byte for byte.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.test_cli_notebook import SAMPLE, assert_one_line_error, gloss, seed_notebook
from tests.support import paths

GOLDEN = paths.GOLDEN / "export"
SUMMARY = "gloss: 3 highlights from 1 article: {}\n"


@pytest.fixture(scope="module")
def notebook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-export") / "nb"
    seed_notebook(path)
    return path


@pytest.mark.parametrize(
    ("options", "golden"),
    [
        ([], "article.md"),
        (["--layout", "tag"], "tags.md"),
        (["--template", "tags", "--read-only"], "tags.md"),
    ],
)
def test_stdout_matches_the_goldens(notebook: Path, options: list[str], golden: str) -> None:
    done = gloss("export", "--notebook", notebook, *options)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (GOLDEN / golden).read_text(encoding="utf-8")


def test_json_file_is_the_web_annotation_golden(notebook: Path, tmp_path: Path) -> None:
    out = tmp_path / "highlights.json"  # .json: the format follows
    done = gloss("export", "-o", out, "--notebook", notebook)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", SUMMARY.format("1 created"))
    # The notebook stores the seed's snapshot; the golden was made from a record without one.
    (article,) = json.loads(out.read_text(encoding="utf-8"))["gloss:articles"]
    text = out.read_text(encoding="utf-8").replace(article["snapshot"], "")
    assert text == (GOLDEN / "annotations.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("options", "golden"), [([], "folder-article"), (["--layout", "tag"], "folder-tags")]
)
@pytest.mark.slow
def test_folder_matches_the_goldens_and_again_changes_nothing(
    notebook: Path, tmp_path: Path, options: list[str], golden: str
) -> None:
    folder = tmp_path / "vault"
    done = gloss("export", "--folder", folder, "--notebook", notebook, *options)
    expected = sorted(p.name for p in (GOLDEN / golden).iterdir())
    assert done.stderr == SUMMARY.format(f"{len(expected)} created")
    assert sorted(p.name for p in folder.iterdir()) == expected
    for name in expected:
        assert (folder / name).read_text(encoding="utf-8") == (GOLDEN / golden / name).read_text(
            encoding="utf-8"
        )
    again = gloss("export", "--folder", folder, "--notebook", notebook, *options)
    assert again.stderr == SUMMARY.format(f"{len(expected)} unchanged")


@pytest.mark.slow
def test_a_scoped_export_leaves_the_other_highlights_in_the_file(
    notebook: Path, tmp_path: Path
) -> None:
    out = tmp_path / "review.md"
    gloss("export", "-o", out, "--notebook", notebook)
    done = gloss("export", "-o", out, "--tag", "character", "--notebook", notebook)
    assert done.stderr == "gloss: 1 highlight from 1 article: 1 unchanged\n"
    assert out.read_text(encoding="utf-8") == (GOLDEN / "article.md").read_text(encoding="utf-8")


def test_scope_is_what_the_list_command_lists(notebook: Path) -> None:
    done = gloss("export", "--tag", "character", "--notebook", notebook)
    assert "> well-crafted relationship" in done.stdout
    assert "My colleagues" not in done.stdout and "So far so good" not in done.stdout
    done = gloss("export", "--color", "blue", "--format", "json", "--notebook", notebook)
    (item,) = json.loads(done.stdout)["first"]["items"]
    assert item["gloss:color"] == "blue"


def test_nothing_in_scope(notebook: Path) -> None:
    done = gloss("export", "--tag", "nope", "--notebook", notebook)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "gloss: no highlights match\n")


def test_a_foreign_file_needs_force(notebook: Path, tmp_path: Path) -> None:
    out = tmp_path / "notes.md"
    out.write_text("my own notes\n", encoding="utf-8")
    assert_one_line_error(
        gloss("export", "-o", out, "--notebook", notebook),
        5,
        f"{out} was not written by Gloss; export with --force to replace it",
    )
    assert out.read_text(encoding="utf-8") == "my own notes\n"
    done = gloss("export", "-o", out, "--force", "--notebook", notebook)
    assert done.stderr == SUMMARY.format("1 replaced")
    assert out.read_text(encoding="utf-8") == (GOLDEN / "article.md").read_text(encoding="utf-8")


def test_citation_style_and_template_file(notebook: Path, tmp_path: Path) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text(
        "{% block article %}## {{ article.citation }}{% endblock %}\n"
        "{% block highlight %}- {{ highlight.quote }} ({{ highlight.color }}){% endblock %}\n",
        encoding="utf-8",
    )
    done = gloss("export", "--template", template, "--cite", "apa", "--color", "green",
                 "--notebook", notebook)
    assert done.returncode == 0, done.stderr
    assert (
        # APA 7: sentence case (the saved text keeps Defenders, Jessica Jones and Season 2 as
        # names) and no "Retrieved ... from" for an ordinary article.
        "## Venable, N. (2016, August 13). *How the Defenders is affecting Jessica Jones "
        "Season 2*. CinemaBlend. https://www.cinemablend.com/television/1545310/"
        "how-the-defenders-is-affecting-jessica-jones-season-2\n"
    ) in done.stdout
    assert "\n- well-crafted relationship between the titular badass and her nemesis Kilgrave " \
        "(green)\n" in done.stdout


@pytest.mark.slow
def test_the_configs_citation_style_is_the_default(notebook: Path, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[highlight]\ncitation = "apa"\n', encoding="utf-8")
    env = {"GLOSS_CONFIG": str(config)}
    by_config = gloss("export", "--notebook", notebook, env=env)
    by_option = gloss("export", "--cite", "apa", "--notebook", notebook)
    assert (by_config.returncode, by_config.stderr) == (0, "")
    assert by_config.stdout == by_option.stdout
    assert by_config.stdout != (GOLDEN / "article.md").read_text(encoding="utf-8")  # mla
    mla = gloss("export", "--cite", "mla", "--notebook", notebook, env=env)
    assert mla.stdout == (GOLDEN / "article.md").read_text(encoding="utf-8")  # --cite wins
    config.write_text('[highlight]\ncitation = "harvard"\n', encoding="utf-8")
    broken = gloss("export", "--notebook", notebook, env=env)
    assert broken.returncode == 2
    assert broken.stderr == (
        f"gloss: config file {config}: 'highlight.citation' must be one of mla, apa, chicago\n"
    )


def test_cite_a_csl_style_file(notebook: Path, tmp_path: Path) -> None:
    style = paths.ROOT / "tests" / "data" / "csl" / "gloss-test.csl"
    done = gloss("export", "--cite", style, "--notebook", notebook)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (GOLDEN / "csl" / "article-gloss-test.md").read_text(encoding="utf-8")
    # A broken style file is one line and exit 2, before anything is written.
    bad = tmp_path / "bad.csl"
    bad.write_text("<style>", encoding="utf-8")
    out = tmp_path / "out.md"
    done = gloss("export", "--cite", bad, "-o", out, "--notebook", notebook)
    assert_one_line_error(done, 2, f"{bad} is not a CSL style: not well-formed XML (Premature "
                          "end of data in tag style line 1, line 1, column 8)")
    assert not out.exists()
    done = gloss("export", "--cite", "harvard", "--notebook", notebook)
    assert_one_line_error(done, 2, "--cite harvard: a style is one of mla, apa, chicago, or a "
                          "CSL style file (FILE.csl)")


def test_passage_links_use_the_saved_text(tmp_path: Path) -> None:
    nb = tmp_path / "nb"
    gloss("highlight", SAMPLE, "--quote", "Jessica Jones", "--occurrence", "2", "--notebook", nb)
    done = gloss("export", "--notebook", nb)
    # The first "Jessica Jones" is earlier in the page: the link names the words before it.
    assert "#:~:text=go%20down%2C%20and-,Jessica%20Jones)" in done.stdout


@pytest.mark.parametrize(
    ("options", "code", "message"),
    [
        (["--format", "json", "--template", "tags"], 2,
         "--template, --layout and --cite are for Markdown exports"),
        (["--template", "nope"], 5, "no template nope (a file, or one of: article, tags)"),
    ],
)
def test_usage_errors(notebook: Path, options: list[str], code: int, message: str) -> None:
    assert_one_line_error(gloss("export", *options, "--notebook", notebook), code, message)


def test_output_into_a_folder_is_refused(notebook: Path, tmp_path: Path) -> None:
    done = gloss("export", "-o", tmp_path, "--notebook", notebook)
    assert_one_line_error(
        done, 5, f"{tmp_path} is a folder: export to a folder with one file per article, or "
        "name a file"
    )


def test_read_only_export_of_a_damaged_notebook(notebook: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "nb"
    shutil.copytree(notebook, damaged)
    (damaged / "notebook.json").write_text("[", encoding="utf-8")
    assert gloss("export", "--notebook", damaged).returncode == 5
    done = gloss("export", "--read-only", "--notebook", damaged)
    assert done.stdout == (GOLDEN / "article.md").read_text(encoding="utf-8")
    assert done.stderr.startswith("gloss: warning: the notebook file ")


@pytest.mark.parametrize(("fmt", "golden"), [("csl-json", "bibliography.json"),
                                             ("bibtex", "bibliography.bib")])
def test_bibliography_to_stdout_is_the_golden(notebook: Path, fmt: str, golden: str) -> None:
    done = gloss("export", "--format", fmt, "--notebook", notebook)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (GOLDEN / golden).read_text(encoding="utf-8")


def test_bibtex_file_from_its_suffix_then_unchanged(notebook: Path, tmp_path: Path) -> None:
    out = tmp_path / "refs.bib"
    done = gloss("export", "-o", out, "--tag", "character", "--notebook", notebook)
    assert (done.returncode, done.stdout, done.stderr) == (
        0, "", "gloss: 1 article of 1 highlight: 1 created\n")
    assert out.read_text(encoding="utf-8") == (GOLDEN / "bibliography.bib").read_text("utf-8")
    again = gloss("export", "-o", out, "--notebook", notebook)
    assert again.stderr == "gloss: 1 article of 3 highlights: 1 unchanged\n"


def test_bibliography_of_no_match_is_empty(notebook: Path) -> None:
    done = gloss("export", "--format", "bibtex", "--tag", "nosuchtag", "--notebook", notebook)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "gloss: no highlights match\n")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--format", "bibtex", "--folder", "x"],
         "gloss: a bibtex bibliography is one file: use -o FILE, not --folder\n"),
        (["--format", "csl-json", "--cite", "apa"],
         "gloss: --template, --layout and --cite are for Markdown exports\n"),
    ],
)
def test_bibliography_usage_errors(notebook: Path, options: list[str], message: str) -> None:
    done = gloss("export", *options, "--notebook", notebook)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", message)


def test_bibliography_refuses_a_file_gloss_did_not_write(notebook: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine.json"
    out.write_text('[{"id": "mine", "type": "book"}]\n', encoding="utf-8")
    done = gloss("export", "--format", "csl-json", "-o", out, "--notebook", notebook)
    assert done.returncode == 5 and done.stderr == (
        f"gloss: {out} was not written by Gloss; export with --force to replace it\n")
    assert out.read_text(encoding="utf-8") == '[{"id": "mine", "type": "book"}]\n'
