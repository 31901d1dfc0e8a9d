"""Jinja2 templates for Markdown export: load, check and compile once, render one block.

A template is a Jinja2 file with two blocks: a section block (``article`` for the layout by
article, ``tag`` for the layout by tag) rendered once per section, and ``highlight`` rendered
once per highlight. Gloss puts each rendered block in its own managed region, so a template
never writes markers and cannot break a re-export. Every ``{{ value }}`` is escaped as literal
Markdown unless it is already Markdown (quotes through ``blockquote``, notes, citations,
links), so page text cannot turn into markup. The variables are listed in
``tui/templates/README.md``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from tui.core import locations
from tui.core.export.citation import MONTHS, date_parts
from tui.core.export.errors import TemplateError
from tui.core.export.escape import (
    Markdown,
    blockquote,
    defuse_markers,
    escape_inline,
    hashtag,
    printed,
)
from tui.core.export.shipped import precompiled, shipped_name

Layout = Literal["article", "tag"]
LAYOUTS: tuple[Layout, ...] = ("article", "tag")
# Found through locations, not this module's depth, so moving modules cannot lose them.
TEMPLATES_DIR = locations.resource_path("templates")
SUFFIX = ".md.j2"
DEFAULT_TEMPLATES: dict[Layout, str] = {"article": "article", "tag": "tags"}


# Bounds on one rendered block, so a shared template cannot hang an export or eat memory:
# loop steps (every {% for %} counts), characters printed, size of a value made by * or **,
# and time (checked at every loop step and printed piece).
MAX_STEPS = 1_000_000
MAX_OUTPUT = 1_000_000
MAX_ITEMS = 1_000_000
MAX_BITS = 1_000_000
MAX_RANGE = 100_000
MAX_SECONDS = 10.0
_LOOP = "gloss_bounded_loop_"


class _Bound(Exception):
    """A template went past one of the bounds (becomes a TemplateError naming the template)."""


class _Budget:
    """What one block may still spend."""

    __slots__ = ("deadline", "steps")

    def __init__(self) -> None:
        self.steps = MAX_STEPS
        self.deadline = time.monotonic() + MAX_SECONDS

    def step(self) -> None:
        self.steps -= 1
        if self.steps < 0:
            raise _Bound(f"stopped after {MAX_STEPS} loop steps (a template's limit)")
        self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise _Bound(f"stopped after {MAX_SECONDS:g} seconds (a template's limit)")


_budget: ContextVar[_Budget | None] = ContextVar("gloss_template_budget", default=None)


def _bounded_loop(iterable: Any) -> Iterator[Any]:
    """Every ``{% for %}`` iterates through this (the parser wraps each loop's iterable)."""
    budget = _budget.get()
    for item in iterable:
        if budget is not None:
            budget.step()
        yield item


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise _Bound(f"a range over {MAX_RANGE} items (a template's limit)")
    return numbers


class TemplateView:
    """Base of the records templates see: plain data, every public field safe to read."""

    __slots__ = ()


class _Environment(SandboxedEnvironment):
    """The sandbox, with a fast path for Gloss's own views (read once per field per quote)."""

    intercepted_binops = frozenset({"*", "**"})

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template, with every loop's iterable passed through the step budget."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.Name(_LOOP, "load"), [loop.iter], [], None, None)
        return tree

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """``*`` and ``**`` refuse to make a value too big to hold (before making it)."""
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                sized = isinstance(seq, (str, list, tuple)) and isinstance(count, int)
                if sized and len(seq) * count > MAX_ITEMS:
                    raise _Bound(f"a value over {MAX_ITEMS} items (a template's limit)")
        elif (isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1
              and left.bit_length() * right > MAX_BITS):
            raise _Bound(f"a number over {MAX_BITS} bits (a template's limit)")
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if isinstance(obj, TemplateView) and not attribute.startswith("_"):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


class MarkdownTemplate:
    """A compiled template and its layout; render one block at a time."""

    def __init__(self, source: str, name: str, *, precompile: bool = True) -> None:
        self.name = name
        # A shipped template, unmodified, renders through its Python twin (see shipped.py).
        self.precompiled = precompiled(source) if precompile else None
        # Which shipped template it is ("article", "tags"), exactly; None for any other.
        self.shipped = shipped_name(source) if precompile else None
        try:
            self._template = _environment().from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"template {name} line {exc.lineno}: {exc.message}") from None
        blocks = self._template.blocks
        if "highlight" not in blocks:
            raise TemplateError(f"template {name} has no {{% block highlight %}}")
        sections = [layout for layout in LAYOUTS if layout in blocks]
        if len(sections) != 1:
            raise TemplateError(
                f"template {name} needs exactly one of {{% block article %}} or {{% block tag %}}"
            )
        self.layout: Layout = sections[0]

    def renderer(self) -> Renderer:
        """A renderer for one export (not to be shared between threads)."""
        return Renderer(self)


class Renderer:
    """Renders blocks of one template, reusing one Jinja context for every call.

    A fresh context per highlight costs more than rendering the highlight, so the variables
    live in one dict that each call updates (blocks cannot set context variables, so nothing
    leaks from one call to the next).
    """

    def __init__(self, template: MarkdownTemplate) -> None:
        self.name = template.name
        self._fast = template.precompiled
        self._blocks = template._template.blocks
        self._vars: dict[str, Any] = dict(template._template.globals)
        self._context = template._template.new_context(self._vars, shared=True)

    def render(self, block: str, context: dict[str, Any]) -> str:
        """The text of ``block`` for ``context``, without blank lines around it."""
        if self._fast is not None:
            return defuse_markers(self._fast[block](context).strip("\n"))
        self._vars.update(context)
        budget = _Budget()
        token = _budget.set(budget)
        try:
            pieces: list[str] = []
            size = 0
            for piece in self._blocks[block](self._context):
                size += len(piece)
                if size > MAX_OUTPUT:
                    raise _Bound(f"stopped at {MAX_OUTPUT} characters of output for one block "
                                 "(a template's limit)")
                budget.check_time()
                pieces.append(piece)
            text = "".join(pieces)
        except TemplateError:
            raise
        except _Bound as exc:
            raise TemplateError(f"template {self.name}: {exc}") from None
        except Exception as exc:  # any template mistake becomes one line, never a traceback
            raise TemplateError(f"template {self.name}: {type(exc).__name__}: {exc}") from None
        finally:
            _budget.reset(token)
        # Whatever the template printed, no line of it can pass for one of Gloss's markers.
        return defuse_markers(text.strip("\n"))


def shipped_templates() -> list[str]:
    """Names of the templates that come with Gloss."""
    return sorted(p.name.removesuffix(SUFFIX) for p in TEMPLATES_DIR.glob("*" + SUFFIX))


def load_template(spec: str | Path | None = None, layout: Layout = "article") -> MarkdownTemplate:
    """A shipped template by name ("article", "tags", ...) or a template file by path.

    ``None`` is the default template of ``layout``. Compiled templates are cached, keyed by
    the file and its modification time, so an export compiles each one once.
    """
    if spec is None:
        spec = DEFAULT_TEMPLATES[layout]
    path = Path(spec)
    if isinstance(spec, str) and spec in shipped_templates():
        path = TEMPLATES_DIR / (spec + SUFFIX)
    try:
        stat = path.stat()
    except OSError:
        known = ", ".join(shipped_templates())
        raise TemplateError(f"no template {spec} (a file, or one of: {known})") from None
    return _compiled(str(path.resolve()), stat.st_mtime_ns)


@lru_cache(maxsize=32)
def _compiled(path: str, _mtime_ns: int) -> MarkdownTemplate:
    try:
        source = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"cannot read template {path}: {exc}") from None
    return MarkdownTemplate(source, Path(path).name)


@lru_cache(maxsize=1)
def _environment() -> _Environment:
    # Sandboxed: templates are shared between users like snippets, and a template should not
    # reach Python internals. StrictUndefined: a misspelt variable is an error, not a blank.
    env = _Environment(
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        finalize=printed,
    )
    env.filters.update(
        blockquote=_blockquote,
        md=_md,
        raw=_raw,
        hashtags=_hashtags,
        date=_date,
    )
    env.globals.update({_LOOP: _bounded_loop, "range": _range})
    return env



def _blockquote(value: Any) -> Markdown:
    # A quote from the export carries the page's italics and bold (``emphasis``); keep them.
    emphasis = getattr(value, "emphasis", ()) if isinstance(value, str) else ()
    return Markdown(blockquote("" if value is None else str(value), emphasis))


def _md(value: Any) -> Markdown:
    return Markdown(escape_inline("" if value is None else str(value)))


def _raw(value: Any) -> Markdown:
    # The escape hatch: the template's author takes responsibility for what this prints.
    return Markdown("" if value is None else str(value))


def _hashtags(tags: Iterable[str]) -> Markdown:
    return Markdown(" ".join(filter(None, (hashtag(t) for t in tags))))


def _date(value: Any, style: str = "iso") -> str:
    """A stored date or time as ``iso`` (2016-08-13), ``long`` (August 13, 2016) or ``year``."""
    parts = date_parts(None if value is None else str(value))
    if not parts:
        return ""
    year, month, day = parts
    if style == "year" or not month:
        return str(year)
    if style == "long":
        return f"{MONTHS[month - 1]} {day}, {year}" if day else f"{MONTHS[month - 1]} {year}"
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
