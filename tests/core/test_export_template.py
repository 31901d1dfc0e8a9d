"""User templates: variables and filters, safe printing by default, one-line errors; scope;
and the export core importing no Textual.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.core.test_export_seed import KEY_QUOTE, TITLE, seed
from tui.core.export.errors import TemplateError
from tui.core.export.exporter import ExportOptions, Scope, export_folder, export_text, select
from tui.core.export.merge import regions_in
from tui.core.export.template import TEMPLATES_DIR, load_template

README = TEMPLATES_DIR / "README.md"


def write(tmp_path: Path, source: str, name: str = "mine.md.j2") -> Path:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return path


def test_user_template_renders_every_documented_variable(tmp_path: Path) -> None:
    template = write(tmp_path, """
{% block article %}
{{ article.title }}|{{ article.author }}|{{ article.site }}|{{ article.url }}|{{
article.published }}
{{ article.saved }}|{{ article.tags }}|{{ article.hashtags }}|{{ article.highlight_count
}}|{{ article.id }}
{{ article.apa }}
{% endblock %}
{% block highlight %}
{{ highlight.id }}|{{ highlight.block_id }}|{{ highlight.color }}|{{ highlight.created
}}|{{ highlight.updated }}
{{ highlight.start }}-{{ highlight.end }}|{{ highlight.tags }}|{{ highlight.hashtags }}|{{ tag }}
{{ article.published | date("long") }}|{{ article.published | date }}|{{
article.published | date("year") }}
{% endblock %}
""")
    s = seed()
    text = export_text([s.record], [s.key], ExportOptions(template=template))
    regions = dict(regions_in(text))
    header = regions[f"article={s.record.id}"].split("\n")
    assert header[0] == (
        f"{TITLE}|Nick Venable|CinemaBlend|{s.record.url}|2016-08-13T14:30:00-07:00"
    )
    assert header[1] == ("2026-11-20T09:15:00Z|collaboration, defenders|#collaboration "
                         f"#defenders|1|{s.record.id}")
    assert header[2].startswith("Venable, N. (2016, August 13).")
    body = regions[f"id={s.key.id}"].split("\n")
    assert body[0] == (f"{s.key.id}|hl-0b6c1f5e8d2a|yellow|2026-11-20T09:20:00Z|"
                       "2026-11-20T09:20:00Z")
    assert body[1] == f"{s.key.target.position.start}-{s.key.target.position.end}|" \
        "collaboration, defenders|#collaboration #defenders|"
    assert body[2] == "August 13, 2016|2016-08-13|2016"


def test_printed_values_are_escaped_unless_marked_markdown(tmp_path: Path) -> None:
    template = write(tmp_path, """
{% block article %}{{ article.title }}{% endblock %}
{% block highlight %}
{{ highlight.quote }}
{{ highlight.quote | raw }}
{{ highlight.note }}
{% endblock %}
""")
    s = seed()
    hostile = replace(s.key, target=replace(s.key.target, quote=replace(
        s.key.target.quote, exact="#tag *bold*\n<!-- gloss:end -->")), note="*my* note")
    text = export_text([replace(s.record, title="[[Link]] # 1")], [hostile],
                       ExportOptions(template=template))
    regions = dict(regions_in(text))
    assert regions[f"article={s.record.id}"] == "\\[\\[Link\\]\\] \\# 1"
    lines = regions[f"id={s.key.id}"].split("\n")
    assert lines[0] == "\\#tag \\*bold\\* \\<!-- gloss:end --\\>"
    # raw prints as it is, yet a marker line in it is still defused by Gloss.
    assert lines[1:3] == ["#tag *bold*", "\\<!-- gloss:end -->"]
    assert list(regions) == [f"article={s.record.id}", f"id={s.key.id}"]
    assert lines[3] == "*my* note"  # a note is the user's Markdown


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{% block article %}{% endblock %}", "has no {% block highlight %}"),
        ("{% block highlight %}{% endblock %}", "needs exactly one of"),
        ("{% block article %}{% endblock %}{% block tag %}{% endblock %}"
         "{% block highlight %}{% endblock %}", "needs exactly one of"),
        ("{% block article %}\n{% if %}{% endblock %}{% block highlight %}{% endblock %}",
         "mine.md.j2 line 2:"),
        ("{% block article %}{{ article.titel }}{% endblock %}{% block highlight %}{% endblock %}",
         "UndefinedError"),
        ("{% block article %}{{ article.__class__.__mro__ }}{% endblock %}"
         "{% block highlight %}{% endblock %}", "template mine.md.j2:"),
    ],
)
def test_template_mistakes_are_one_typed_line(tmp_path: Path, source: str, message: str) -> None:
    s = seed()
    template = write(tmp_path, source)
    with pytest.raises(TemplateError) as caught:
        export_text([s.record], [s.key], ExportOptions(template=template))
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert caught.value.exit_code == 5


def test_unknown_template_names_the_shipped_ones() -> None:
    with pytest.raises(TemplateError, match=r"no template nope .*: article, tags"):
        load_template("nope")


def test_template_layout_must_match_the_asked_layout() -> None:
    s = seed()
    with pytest.raises(TemplateError, match="is for the layout by article, not by tag"):
        export_text([s.record], [s.key], ExportOptions(layout="tag", template="article"))
    # Without a layout the template decides.
    text = export_text([s.record], [s.key], ExportOptions(template="tags"))
    assert "## collaboration" in text


def test_edited_template_is_compiled_again(tmp_path: Path) -> None:
    path = write(tmp_path, "{% block article %}1{% endblock %}{% block highlight %}{% endblock %}")
    first = load_template(path)
    assert load_template(path) is first
    time.sleep(0.01)
    path.write_text("{% block tag %}two{% endblock %}{% block highlight %}{% endblock %}")
    second = load_template(path)
    assert second is not first and second.layout == "tag"


def test_readme_documents_every_view_field() -> None:
    from dataclasses import fields

    from tui.core.export.markdown import ArticleView, HighlightView, TagView

    text = README.read_text(encoding="utf-8")
    for view, name in ((ArticleView, "article"), (HighlightView, "highlight"), (TagView, "tag")):
        # Public fields, and what a view works out when read (article.mla, ...).
        public = [f.name for f in fields(view) if not f.name.startswith("_")]
        public += [key for key, value in vars(view).items() if isinstance(value, property)]
        assert len(public) >= 5
        for field in public:
            assert f"`{name}.{field}`" in text, f"{name}.{field} is not documented"
    for filter_name in ("blockquote", "md", "raw", "hashtags", "date"):
        assert f"`{filter_name}`" in text


# -- scope --------------------------------------------------------------------------------------


def test_scope_by_tag_article_and_filter() -> None:
    s = seed()
    articles, highlights = [s.record], s.highlights
    assert select(articles, highlights, Scope.of_tags("#Defenders")) == ([s.record], [s.key])
    assert select(articles, highlights, Scope.of_tags("nothing")) == ([], [])
    assert select(articles, highlights, Scope(where=lambda h: h.color == "blue")) == (
        [s.record], [s.across])
    empty = replace(s.record, id="feedfacefeedface")
    assert select([s.record, empty], [], Scope.of_articles(empty.id)) == ([empty], [])
    assert select([s.record, empty], highlights) == ([s.record], highlights)
    assert select([s.record, empty], highlights, Scope(include_empty=True))[0] == [s.record, empty]


def test_folder_export_of_one_tag(tmp_path: Path) -> None:
    s = seed()
    report = export_folder(tmp_path, [s.record], s.highlights, ExportOptions(layout="tag"),
                           Scope.of_tags("collaboration"))
    assert [f.path.name for f in report.files] == ["collaboration.md"]
    assert KEY_QUOTE in (tmp_path / "collaboration.md").read_text()


_BLOCKS = "{% block article %}A{% endblock %}{% block highlight %}{{ '' }}BODY{% endblock %}"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{% for i in range(10**9) %}x{% endfor %}", "a range over 100000 items"),
        ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
         "stopped after 1000000 loop steps"),
        ("{% for a in 'x' * 99999 %}{% for b in 'x' * 99999 %}{% endfor %}{% endfor %}",
         "stopped after 1000000 loop steps"),
        ("{% for i in range(9999) %}{{ 'y' * 999 }}{% endfor %}",
         "stopped at 1000000 characters of output"),
        ("{{ 'x' * 10**9 }}", "a value over 1000000 items"),
        ("{{ ['x'] * 10**9 }}", "a value over 1000000 items"),
        ("{{ 10 ** 100000000 }}", "a number over 1000000 bits"),
    ],
    ids=["range", "steps", "string-steps", "output", "str-mult", "list-mult", "power"],
)
def test_templates_are_bounded(tmp_path: Path, body: str, message: str) -> None:
    s = seed()
    template = write(tmp_path, _BLOCKS.replace("BODY", body))
    with pytest.raises(TemplateError) as caught:
        export_text([s.record], [s.key], ExportOptions(template=template))
    assert str(caught.value).startswith("template mine.md.j2: ")
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_templates_have_a_time_bound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.core.export import template as module

    monkeypatch.setattr(module, "MAX_SECONDS", 0.0)  # every step is past a zero deadline
    s = seed()
    template = write(tmp_path, _BLOCKS.replace("BODY", "{% for i in range(3) %}{% endfor %}"))
    with pytest.raises(TemplateError, match="stopped after 0 seconds"):
        export_text([s.record], [s.key], ExportOptions(template=template))
