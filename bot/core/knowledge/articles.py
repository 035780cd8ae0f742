"""Guidance articles: Markdown with YAML front matter, split into sections and chunks.

An article's ``##`` headings are its citable sections. Sections longer than the chunk
budget (counted with tiktoken) are split at paragraph, then sentence, boundaries.
Built-in articles live in ``knowledge/``; advisors upload server articles in Discord.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml

from bot.core.base import tokens
from bot.core.base.text import normalize, sentences

BUILTIN_SCOPE = "builtin"
MAX_CHUNK_TOKENS = 300
REQUIRED_FIELDS = ("title", "year", "sources", "tags", "last_reviewed")
_HEADING = re.compile(r"^(#{1,2})[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_FENCE = re.compile(r"^```")
#: An answer card: a fenced block with the info string ``card`` holding YAML (``answer``, ``asks``).
_CARD = re.compile(r"^```card[ \t]*\n(.*?)^```[ \t]*$\n?", re.MULTILINE | re.DOTALL)
CARD_ASKS = (6, 12)


class ArticleError(ValueError):
    """An article cannot be loaded; the message says what to fix."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str = ""


@dataclass(frozen=True)
class Section:
    heading: str
    anchor: str
    text: str
    #: The section's answer card (see knowledge/README.md): the direct answer, verdict first,
    #: and the ways students ask the question it answers. Uploaded articles may have neither.
    direct_answer: str = ""
    asks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: part (or all) of one section of one article."""

    article: str
    title: str
    section: str
    anchor: str
    text: str
    scope: str = BUILTIN_SCOPE
    year: int | None = None
    #: The section's direct answer and the ways students ask it (its answer card), if any.
    answer: str = ""
    asks: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "asks", tuple(self.asks))  # a list when read back from JSON

    @property
    def id(self) -> str:
        """Content address: changes whenever anything that is embedded or cited changes."""
        key = "\x1f".join((self.scope, self.article, self.title, self.section, self.answer, *self.asks, self.text))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]

    @property
    def passage(self) -> str:
        """What search shows and an LLM reads: the direct answer, then the section's text."""
        return f"{self.answer}\n\n{self.text}" if self.answer else self.text

    @property
    def lead(self) -> str:
        """What an answer from this passage opens with: the direct answer, else its first paragraph."""
        if self.answer:
            return self.answer
        return next((p.strip() for p in re.split(r"\n\s*\n", self.text) if p.strip()), "")

    @property
    def embedding_text(self) -> str:
        return f"{self.title} — {self.section}\n{self.passage}"


@dataclass
class Article:
    slug: str
    title: str
    body: str
    scope: str = BUILTIN_SCOPE
    year: int | None = None
    sources: list[Source] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    summary: str = ""
    last_reviewed: dt.date | None = None
    path: Path | None = None

    @property
    def sections(self) -> list[Section]:
        return split_sections(self.body, self.title)

    def chunks(self, max_tokens: int = MAX_CHUNK_TOKENS) -> list[Chunk]:
        out: list[Chunk] = []
        for section in self.sections:
            for piece in split_to_budget(section.text, max_tokens):
                out.append(
                    Chunk(
                        article=self.slug,
                        title=self.title,
                        section=section.heading,
                        anchor=section.anchor,
                        text=piece,
                        scope=self.scope,
                        year=self.year,
                        answer=section.direct_answer,
                        asks=section.asks,
                    )
                )
        return out


def anchor_for(heading: str) -> str:
    """GitHub-style anchor: lower-case, punctuation dropped, spaces to hyphens."""
    text = heading.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _blank_fenced_blocks(body: str) -> str:
    """Replace fenced code lines with spaces, so '#' inside code is never read as a heading."""
    out, inside = [], False
    for line in body.split("\n"):
        if _FENCE.match(line.strip()):
            inside = not inside
            out.append(" " * len(line))
        else:
            out.append(" " * len(line) if inside else line)
    return "\n".join(out)


def split_sections(body: str, title: str) -> list[Section]:
    """Split at H1/H2 headings. Text before the first heading becomes an 'Overview' section."""
    masked = _blank_fenced_blocks(body)
    matches = list(_HEADING.finditer(masked))
    sections: list[Section] = []
    starts = [(m.start(), m.end(), m.group(2).strip()) for m in matches]
    lead_end = starts[0][0] if starts else len(body)
    lead = body[:lead_end].strip()
    if lead:
        sections.append(Section("Overview", anchor_for("Overview"), lead))
    for i, (_, end, heading) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else len(body)
        text = body[end:stop].strip()
        if not text:
            continue
        if heading == title and not sections:
            heading = "Overview"
        text, answer, asks = _take_card(text, heading)
        sections.append(Section(heading, anchor_for(heading), text, answer, asks))
    return sections


#: libyaml's safe loader when PyYAML has it: the same result, parsing every card at a first start
#: takes a tenth of the time of the pure-Python loader.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _take_card(text: str, heading: str) -> tuple[str, str, tuple[str, ...]]:
    """Remove a section's answer card from its text: (text, direct answer, ways to ask)."""
    match = _CARD.search(text)
    if match is None:
        return text, "", ()
    try:
        data = yaml.load(match.group(1), Loader=_SAFE_LOADER) or {}
    except yaml.YAMLError:
        raise ArticleError(f"the answer card of '{heading}' is not valid YAML") from None
    if not isinstance(data, dict) or not isinstance(data.get("answer"), str) or not data["answer"].strip():
        raise ArticleError(f"the answer card of '{heading}' needs an 'answer' (one to three sentences)")
    asks = data.get("asks") or []
    if not isinstance(asks, list) or not all(isinstance(a, str) and a.strip() for a in asks):
        raise ArticleError(f"the answer card of '{heading}': 'asks' must be a list of questions")
    unknown = set(data) - {"answer", "asks"}
    if unknown:
        raise ArticleError(f"the answer card of '{heading}' has unknown keys: {', '.join(sorted(unknown))}")
    rest = (text[: match.start()] + text[match.end() :]).strip()
    answer = " ".join(data["answer"].split())
    return rest, answer, tuple(" ".join(a.split()) for a in asks)


def split_to_budget(text: str, max_tokens: int) -> list[str]:
    """Greedy packing of paragraphs (then sentences) into pieces of at most ``max_tokens``."""
    if tokens.count_tokens(text) <= max_tokens:
        return [text]
    units: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        para = para.strip()
        if not para:
            continue
        if tokens.count_tokens(para) <= max_tokens:
            units.append(para)
        else:
            units.extend(sentences(para) if "\n" not in para else para.split("\n"))
    pieces: list[str] = []
    current: list[str] = []
    used = 0
    for unit in units:
        size = tokens.count_tokens(unit) + 1
        if size > max_tokens:
            unit = tokens.truncate_to_tokens(unit, max_tokens)
            size = max_tokens
        if current and used + size > max_tokens:
            pieces.append("\n\n".join(current))
            current, used = [], 0
        current.append(unit)
        used += size
    if current:
        pieces.append("\n\n".join(current))
    return pieces


def _parse_sources(raw: object) -> list[Source]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ArticleError("'sources' must be a list")
    out = []
    for item in raw:
        if isinstance(item, str):
            out.append(Source(title=item, url=item if item.startswith("http") else ""))
        elif isinstance(item, dict) and item.get("title"):
            out.append(Source(title=str(item["title"]), url=str(item.get("url", ""))))
        else:
            raise ArticleError("each source needs a title (and ideally a url)")
    return out


def parse_article(
    text: str,
    slug: str,
    *,
    scope: str = BUILTIN_SCOPE,
    default_title: str | None = None,
    require_front_matter: bool = True,
    path: Path | None = None,
) -> Article:
    """Parse one article. Built-in articles need full front matter; uploads may have none."""
    text = normalize(text)
    try:
        post = frontmatter.loads(text)
    except (yaml.YAMLError, ValueError) as exc:
        raise ArticleError(f"front matter is not valid YAML ({type(exc).__name__})") from None
    meta = dict(post.metadata)
    if require_front_matter:
        missing = [f for f in REQUIRED_FIELDS if not meta.get(f)]
        if missing:
            raise ArticleError(f"front matter is missing {', '.join(missing)}")
    title = str(meta.get("title") or default_title or slug.replace("-", " ").capitalize()).strip()
    year = meta.get("year")
    if year is not None and not (isinstance(year, int) and 2000 <= year <= 2100):
        raise ArticleError("'year' must be a four-digit year")
    reviewed = meta.get("last_reviewed")
    if reviewed is not None and not isinstance(reviewed, dt.date):
        try:
            reviewed = dt.date.fromisoformat(str(reviewed))
        except ValueError:
            raise ArticleError("'last_reviewed' must be a date like 2026-11-26") from None
    tags = meta.get("tags") or []
    if not isinstance(tags, list):
        raise ArticleError("'tags' must be a list")
    article = Article(
        slug=slug,
        title=title,
        body=post.content,
        scope=scope,
        year=year,
        sources=_parse_sources(meta.get("sources")),
        tags=[str(t) for t in tags],
        summary=str(meta.get("summary") or ""),
        last_reviewed=reviewed,
        path=path,
    )
    if require_front_matter and not article.sources:
        raise ArticleError("front matter needs at least one source")
    if not article.sections:
        raise ArticleError("the article has no text")
    return article


def load_articles(directory: Path) -> list[Article]:
    """Every ``*.md`` under ``directory`` except README.md, in path order."""
    articles = []
    for path in sorted(directory.rglob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        slug = path.relative_to(directory).with_suffix("").as_posix()
        try:
            articles.append(parse_article(path.read_text(encoding="utf-8"), slug, path=path))
        except ArticleError as exc:
            raise ArticleError(f"{path.name}: {exc}") from None
        except UnicodeDecodeError:
            raise ArticleError(f"{path.name}: not UTF-8 text") from None
    return articles


def chunks_of(articles: Iterable[Article]) -> list[Chunk]:
    return [chunk for article in articles for chunk in article.chunks()]


# ----- Markdown as readable text ------------------------------------------------------------

_MD_NOISE = re.compile(r"(\*\*|__|`|^#+\s*|^\s*[-*•]\s+|^\s*\d+[.)]\s+|^>\s*)", re.MULTILINE)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


_TABLE = re.compile(r"(?:^[ \t]*\|.*\|[ \t]*(?:\n|$))+", re.MULTILINE)


def _table_as_sentences(match: re.Match[str]) -> str:
    """A Markdown table as one sentence per row: "Round 1: 9:00 to 11:00 a.m. ET."."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in match.group(0).strip().splitlines()
        if not re.fullmatch(r"[\s|:\-]*", line)
    ]
    body = rows[1:] if len(rows) > 1 else rows  # the first row is the header
    lines = [f"{row[0]}: {', '.join(c for c in row[1:] if c)}." if len(row) > 1 else f"{row[0]}." for row in body]
    return "\n".join(lines) + "\n"


def plain(text: str) -> str:
    """Markdown to readable plain sentences (links keep their words, code fences dropped)."""
    text = re.sub(r"```.*?```", " ", text, flags=re.DOTALL)
    text = _TABLE.sub(_table_as_sentences, text)
    text = _LINK.sub(r"\1", text)
    text = _MD_NOISE.sub("", text)
    # A list item or line without final punctuation becomes its own sentence.
    lines = [ln.strip() for ln in text.split("\n")]
    joined = []
    for line in lines:
        if not line:
            joined.append("")
            continue
        joined.append(line if re.search(r"[.!?:;][\"'”’)]*$", line) else line + ".")
    return "\n".join(joined)


def paragraphs(markdown: str) -> list[str]:
    """Paragraphs of a passage as plain text; a list stays with the line that introduces it."""
    blocks = [b for b in re.split(r"\n\s*\n", markdown.strip()) if b.strip()]
    merged: list[str] = []
    for block in blocks:
        is_list = bool(re.match(r"^\s*([-*•]|\d+[.)]|\|)\s", block))
        if is_list and merged and merged[-1].rstrip().endswith(":"):
            merged[-1] = merged[-1] + "\n" + block
        else:
            merged.append(block)
    return [plain(b).strip() for b in merged if plain(b).strip()]
