"""Text of the documents pages link — decisions, consultation documents, minutes — read with
well-kept extractors: pypdf (PDF), python-docx (DOCX, tables and headers included) and odfpy
(ODT). Paragraphs are separated by a blank line, as in extracted pages, so the same
block-level rules apply. A document that cannot be read raises `Unreadable`."""

from __future__ import annotations

import io
import logging
import zipfile

from serviceguiden.checker.extract import tidy

# Media types and what they are.
DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.text": "odt",
}
MAX_PDF_PAGES = 500


class Unreadable(ValueError):
    pass


def document_text(kind: str, body: bytes) -> tuple[str, str]:
    """(title, text) of a document of `kind` ('pdf', 'docx' or 'odt')."""
    reader = {"pdf": _pdf, "docx": _docx, "odt": _odt}[kind]
    try:
        title, text = reader(body)
    except Unreadable:
        raise
    except Exception as exc:  # the libraries raise many kinds of errors on broken files
        raise Unreadable(f"not a readable {kind.upper()} file: {type(exc).__name__}") from None
    return " ".join(title.split()), tidy(text)


def _pdf(body: bytes) -> tuple[str, str]:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # broken files are reported, not logged
    reader = PdfReader(io.BytesIO(body))
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception:
            raise Unreadable("the PDF is encrypted") from None
    pages = []
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES:
            break
        pages.append(page.extract_text() or "")
    title = ""
    if reader.metadata and reader.metadata.title:
        title = str(reader.metadata.title)
    return title, "\n\n".join(pages)


def _docx(body: bytes) -> tuple[str, str]:
    import docx

    try:
        document = docx.Document(io.BytesIO(body))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise Unreadable(f"not a DOCX file: {exc}") from None
    parts: list[str] = []
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs if p.text.strip())
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):  # a table: a line per cell, a blank line after each row
            for row in block.rows:
                parts.append("\n".join(cell.text for cell in row.cells))
        else:
            parts.append(block.text)
    for section in document.sections:
        parts.extend(p.text for p in section.footer.paragraphs if p.text.strip())
    return document.core_properties.title or "", "\n\n".join(parts)


def _odt(body: bytes) -> tuple[str, str]:
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load

    try:
        document = load(io.BytesIO(body))
    except (zipfile.BadZipFile, KeyError) as exc:
        raise Unreadable(f"not an ODT file: {exc}") from None
    parts: list[str] = []
    stack = [document.text]
    while stack:  # document order: paragraphs and headings, in tables and lists too
        node = stack.pop()
        if node.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
            parts.append(teletype.extractText(node))
            continue
        stack.extend(reversed([c for c in node.childNodes if c.nodeType == c.ELEMENT_NODE]))
    title = ""
    for node in document.meta.childNodes:
        if node.nodeType == node.ELEMENT_NODE and node.qname[1] == "title":
            title = teletype.extractText(node)
    return title, "\n\n".join(parts)
