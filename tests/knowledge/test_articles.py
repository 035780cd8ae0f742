"""Every built-in article is well formed: front matter, sources, links, no placeholders."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.core.knowledge.articles import anchor_for, load_articles, parse_article, split_sections

KNOWLEDGE = PROJECT_ROOT / "knowledge"
ARTICLE_PATHS = sorted(p for p in KNOWLEDGE.rglob("*.md") if p.name.lower() != "readme.md")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|lorem ipsum|XXX)\b|\[insert[^\]]*\]", re.IGNORECASE)


def without_code(text: str) -> str:
    return re.sub(r"```.*?```", "", text, flags=re.DOTALL)


def test_there_is_a_library() -> None:
    assert len(ARTICLE_PATHS) >= 12


@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda p: p.name)
def test_front_matter_is_complete(path: Path) -> None:
    article = parse_article(path.read_text(encoding="utf-8"), path.stem, path=path)
    assert article.title and article.tags
    assert article.year is not None and 2012 <= article.year <= dt.date.today().year + 1
    assert article.sources and all(s.title and s.url.startswith("http") for s in article.sources)
    assert article.last_reviewed is not None and article.last_reviewed <= dt.date.today()


@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda p: p.name)
def test_no_unfilled_placeholders_outside_templates(path: Path) -> None:
    body = without_code(path.read_text(encoding="utf-8"))
    assert PLACEHOLDER.findall(body) == []
    # Square-bracket fill-ins ([Program name]) belong only in fenced templates.
    assert re.findall(r"\[[A-Z][a-z]+(?: [a-z]+)*\](?!\()", body) == []


@pytest.mark.parametrize("path", [*ARTICLE_PATHS, KNOWLEDGE / "README.md"], ids=lambda p: p.name)
def test_internal_links_resolve(path: Path) -> None:
    broken = []
    for target in LINK.findall(without_code(path.read_text(encoding="utf-8"))):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.is_file():
            broken.append(target)
            continue
        if anchor:
            text = linked.read_text(encoding="utf-8")
            anchors = {s.anchor for s in split_sections(text, "")} | {
                anchor_for(h) for h in re.findall(r"^#{1,6}\s+(.+)$", without_code(text), re.MULTILINE)
            }
            if anchor not in anchors:
                broken.append(target)
    assert broken == []


def test_the_contact_rule_is_stated_where_students_look() -> None:
    articles = {a.slug: a for a in load_articles(KNOWLEDGE)}
    rules = articles["communication-rules"].body.lower()
    assert "until" in rules and "contact" in rules and "9:00 p.m" in rules
    for slug, article in articles.items():
        body = article.body.lower()
        # Nothing tells students to reach out to programs to express interest during SOAP.
        assert not re.search(
            r"(email|call|contact) (the )?(coordinator|program)s? (early )?to express interest", body
        ) or ("not allowed" in body or "may not" in body), slug


def test_every_built_in_section_has_an_answer_card() -> None:
    """Direct answer (one to three sentences) and six to twelve ways students ask it."""
    from bot.core.knowledge.articles import CARD_ASKS

    problems = []
    for article in load_articles(KNOWLEDGE):
        for section in article.sections:
            sentences = len(re.findall(r"(?<!\b[ap]\.m)(?<!\be\.g)(?<!\bi\.e)[.!?](?=\s|$)", section.direct_answer))
            if not section.direct_answer:
                problems.append(f"{article.slug}: '{section.heading}' has no answer card")
            elif not CARD_ASKS[0] <= len(section.asks) <= CARD_ASKS[1]:
                problems.append(f"{article.slug}: '{section.heading}' has {len(section.asks)} ways to ask")
            elif sentences > 3:
                problems.append(f"{article.slug}: '{section.heading}' direct answer has {sentences} sentences")
    assert problems == []


def test_the_shipped_vectors_cover_the_built_in_guidance() -> None:
    """scripts/build_builtin_vectors.py must be re-run after editing knowledge/."""
    from bot.core.base.embeddings import LocalMiniLM
    from bot.core.knowledge.shipped import ShippedVectors, texts_to_embed

    shipped = ShippedVectors(LocalMiniLM())
    missing = shipped.covers(texts_to_embed(load_articles(KNOWLEDGE)))
    assert missing == [], f"{len(missing)} texts not shipped: run scripts/build_builtin_vectors.py"


#: A line of a list, a table, a heading, a quotation or an indented block: not a prose paragraph.
_NOT_PROSE = re.compile(r"^\s*(?:#|[-*+] |\d+[.)] |\||>|\s)")


@pytest.mark.parametrize("path", ARTICLE_PATHS, ids=lambda p: p.name)
def test_prose_paragraphs_are_one_line_each(path: Path) -> None:
    """An offline answer quotes sentences split at line ends: a paragraph wrapped over several lines
    came out as "on the Match Week. listserv before SOAP ends"."""
    body = without_code(path.read_text(encoding="utf-8").split("\n---\n", 1)[-1])
    wrapped = []
    previous_is_prose = False
    for line in body.split("\n"):
        is_prose = bool(line.strip()) and not _NOT_PROSE.match(line)
        if is_prose and previous_is_prose:
            wrapped.append(line[:60])
        previous_is_prose = is_prose
    assert wrapped == []
