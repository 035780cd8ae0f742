from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.base import tokens
from bot.core.knowledge.articles import (
    ArticleError,
    anchor_for,
    chunks_of,
    load_articles,
    parse_article,
    split_to_budget,
)

FRONT = """---
title: "Offers"
year: 2026
sources:
  - title: "NRMP"
    url: "https://www.nrmp.org/"
tags: [offers]
last_reviewed: 2026-11-26
---
"""


def test_sections_split_at_h2_and_lead_text_becomes_overview() -> None:
    article = parse_article(
        FRONT
        + "Intro before any heading.\n\n## How offers work\nOffers come in rounds.\n\n## Accepting\nIt is binding.\n",
        "offers",
    )
    assert [s.heading for s in article.sections] == ["Overview", "How offers work", "Accepting"]
    assert article.sections[1].anchor == "how-offers-work"
    assert article.sections[2].text == "It is binding."


def test_hash_inside_code_fence_is_not_a_heading() -> None:
    body = "## Template\nUse this:\n\n```\n## Not a heading\nDear [Name],\n```\n\n## Next\nMore."
    article = parse_article(FRONT + body, "t")
    assert [s.heading for s in article.sections] == ["Template", "Next"]
    assert "## Not a heading" in article.sections[0].text


def test_long_section_is_split_within_the_token_budget() -> None:
    paragraph = "SOAP applicants may send up to forty-five applications in total across specialties. " * 12
    text = "\n\n".join([paragraph] * 6)
    pieces = split_to_budget(text, 120)
    assert len(pieces) > 1
    assert all(tokens.count_tokens(p) <= 120 for p in pieces)
    # Nothing is lost: every sentence is somewhere.
    assert sum(p.count("forty-five") for p in pieces) == 72


def test_chunk_ids_change_only_with_content() -> None:
    a = parse_article(FRONT + "## One\nSame text.\n\n## Two\nOld text.\n", "x").chunks()
    b = parse_article(FRONT + "## One\nSame text.\n\n## Two\nNew text.\n", "x").chunks()
    assert a[0].id == b[0].id
    assert a[1].id != b[1].id


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("---\ntitle: x\n---\n## A\nb", "missing"),
        ("---\ntitle: [unclosed\n---\nbody", "YAML"),
        (FRONT.replace("year: 2026", "year: 26") + "## A\nb", "four-digit"),
        (FRONT.replace("last_reviewed: 2026-11-26", "last_reviewed: someday") + "## A\nb", "date"),
        (FRONT, "no text"),
    ],
)
def test_bad_articles_give_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        parse_article(text, "bad")


def test_upload_without_front_matter_gets_a_title_from_its_name() -> None:
    article = parse_article("Our dean's office line is open all week.", "dean-hotline", require_front_matter=False)
    assert article.title == "Dean hotline"
    assert article.chunks()[0].section == "Overview"


def test_load_articles_skips_readme_and_names_the_broken_file(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# not an article")
    (tmp_path / "good.md").write_text(FRONT + "## A\nText.")
    assert [a.slug for a in load_articles(tmp_path)] == ["good"]
    (tmp_path / "broken.md").write_text("---\ntitle: x\n---\nno fields")
    with pytest.raises(ArticleError, match="broken.md"):
        load_articles(tmp_path)


def test_anchor_matches_github_style() -> None:
    assert anchor_for("Can I email a program? (Yes/No)") == "can-i-email-a-program-yesno"


def test_builtin_knowledge_chunks_fit_the_budget() -> None:
    from bot.config import PROJECT_ROOT

    chunks = chunks_of(load_articles(PROJECT_ROOT / "knowledge"))
    assert len(chunks) > 50
    assert all(tokens.count_tokens(c.text) <= 300 for c in chunks)
