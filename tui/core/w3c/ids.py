"""The ids Gloss gives in Web Annotation JSON, and reading them back."""

from __future__ import annotations

import re
import uuid
from urllib.parse import quote, unquote

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
NAMESPACE = uuid.UUID("6f1c0e4a-2b7d-4f3e-9a5c-8d0b1e2f3a4b")  # ids derived by Gloss
ARTICLE_URN = "urn:gloss:article:"
HIGHLIGHT_URN = "urn:gloss:highlight:"


def annotation_id(highlight_id: str) -> str:
    """The annotation id a highlight is exported under: an IRI (urn:uuid: for a uuid)."""
    if _UUID.match(highlight_id):
        return "urn:uuid:" + highlight_id
    if _IRI.match(highlight_id):
        return highlight_id
    return HIGHLIGHT_URN + quote(highlight_id, safe="")


def highlight_id(annotation: str) -> str:
    """The highlight id of an exported annotation id (the inverse of :func:`annotation_id`)."""
    if annotation.startswith("urn:uuid:"):
        return annotation[len("urn:uuid:") :]
    if annotation.startswith(HIGHLIGHT_URN):
        return unquote(annotation[len(HIGHLIGHT_URN) :])
    return annotation


def article_urn(article_id: str) -> str:
    """The source IRI of an article with no web address: Gloss's text of it."""
    return ARTICLE_URN + quote(article_id, safe="")


def article_of_urn(source: str) -> str | None:
    """The article id an :func:`article_urn` names, else None."""
    return unquote(source[len(ARTICLE_URN) :]) if source.startswith(ARTICLE_URN) else None
