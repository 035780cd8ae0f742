"""Where the files SOAP Coach reads at run time are: the one place that knows.

The built-in guidance lives at the top of the repository, where authors edit it:
``knowledge/`` (articles), ``knowledge/calendar/`` (Match Week calendars) and ``prompts/``
(prompt templates). A built wheel carries copies of them inside the package, under
``bot/_bundled/`` (``setup.py`` copies them at build time), so an installed SOAP Coach works
from any folder with no source tree. :func:`builtin` finds a folder in the checkout first (run
from a clone, or an editable install) and in the installed package otherwise.

The data files beside each feature package (``bot/core/*/data/``: phrase lists, the question
bank, classifier weights, the tokenizer, the shipped vectors) are ordinary package data, read
from beside the module that uses them (``Path(__file__).parent / "data"``), which is the same
folder in a checkout and in an installed package. ``tests/test_packaging.py`` builds the wheel
and checks that it carries every one of them.

Three settings move the built-in folders: ``KNOWLEDGE_DIR`` (an advisor's own copy of the
articles), ``CALENDAR_DIR`` and ``PROMPTS_DIR``. :func:`guidance_problem` says, in one line,
what is missing when a folder is empty or absent; the bot, the console, ``soapbot ask`` and
``soapbot doctor`` refuse to start with that line instead of answering "not covered" to
everything (see docs/contracts.md, "Built-in guidance").
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

#: The repository root when running from a checkout (``bot/core/base/resources.py`` -> root).
SOURCE_ROOT = Path(__file__).resolve().parents[3]
#: Where a wheel keeps the top-level folders, inside the ``bot`` package.
BUNDLE = "_bundled"
#: The top-level folders a wheel must carry (``setup.py`` copies exactly these).
BUNDLED_FOLDERS = ("knowledge", "prompts")
#: The prompt templates the code renders; every one must exist.
PROMPT_NAMES = ("ask", "critique_review", "draft", "rehearse_review", "transcription_hint")


class GuidanceMissing(Exception):
    """The built-in guidance (articles, calendar or prompts) cannot be found; one line says what."""


def _package_root() -> Path:
    return Path(str(files("bot")))


def bundled_root() -> Path:
    """Where an installed package keeps its copy of ``knowledge/`` and ``prompts/``."""
    return _package_root() / BUNDLE


def in_checkout() -> bool:
    """Whether the code runs from a source tree (a clone, or an editable install of one)."""
    return (SOURCE_ROOT / "pyproject.toml").is_file() and (SOURCE_ROOT / "bot").is_dir()


def builtin(relative: str) -> Path:
    """A built-in folder (``"knowledge"``, ``"knowledge/calendar"``, ``"prompts"``): from the
    checkout when there is one, else from the installed package. The path is returned even when
    it does not exist, so that an error can name it."""
    if in_checkout() and (SOURCE_ROOT / relative).is_dir():
        return SOURCE_ROOT / relative
    return bundled_root() / relative


def _setting(name: str, default: str) -> Path:
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else builtin(default)


def knowledge_dir() -> Path:
    """The articles: ``KNOWLEDGE_DIR`` when set, else the built-in ones."""
    return _setting("KNOWLEDGE_DIR", "knowledge")


def calendar_dir() -> Path:
    """The Match Week calendars: ``CALENDAR_DIR`` when set, else the built-in ones."""
    return _setting("CALENDAR_DIR", "knowledge/calendar")


def prompts_dir() -> Path:
    """The prompt templates: ``PROMPTS_DIR`` when set, else the built-in ones."""
    return _setting("PROMPTS_DIR", "prompts")


_REINSTALL = "Reinstall SOAP Coach (in a clone: ./scripts/start)"


def user_cache_dir() -> Path:
    """SOAP Coach's folder in the user's cache (``$XDG_CACHE_HOME/soap-coach``, else
    ``~/.cache/soap-coach``): files it can rebuild, such as tiktoken's encodings and the vectors
    ``scripts/train_classifiers.py`` keeps between runs."""
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "soap-coach"


def guidance_problem(
    knowledge: Path | None = None, calendar: Path | None = None, prompts: Path | None = None
) -> str | None:
    """One line naming what is missing from the built-in guidance, or None when all is there.

    Arguments default to the folders the settings point at."""
    knowledge = knowledge if knowledge is not None else knowledge_dir()
    calendar = calendar if calendar is not None else calendar_dir()
    prompts = prompts if prompts is not None else prompts_dir()
    articles = [p for p in knowledge.glob("*.md") if p.name.lower() != "readme.md"] if knowledge.is_dir() else []
    if not articles:
        return (
            f"The built-in SOAP guidance is missing: no articles in {knowledge}. "
            f"{_REINSTALL}, or point KNOWLEDGE_DIR at a folder of guidance articles."
        )
    years = [p for p in calendar.glob("*.toml") if p.stem.isdigit()] if calendar.is_dir() else []
    if not years or not (calendar / "phases.toml").is_file():
        return (
            f"The Match Week calendar is missing: no phases.toml and year files in {calendar}. "
            f"{_REINSTALL}, or point CALENDAR_DIR at a calendar folder."
        )
    lacking = [name for name in PROMPT_NAMES if not (prompts / f"{name}.md").is_file()]
    if lacking:
        return (
            f"The prompt templates are missing: no {', '.join(f'{n}.md' for n in lacking)} in {prompts}. "
            f"{_REINSTALL}, or point PROMPTS_DIR at a folder of prompt templates."
        )
    return None


def require_guidance(knowledge: Path | None = None, calendar: Path | None = None, prompts: Path | None = None) -> None:
    """Raise :class:`GuidanceMissing` (one line) when :func:`guidance_problem` finds something."""
    problem = guidance_problem(knowledge, calendar, prompts)
    if problem is not None:
        raise GuidanceMissing(problem)


def no_sections_message(knowledge: Path) -> str:
    """The line for an index that holds no built-in sections after indexing ``knowledge``."""
    return (
        f"The knowledge index holds no built-in guidance after indexing {knowledge}: "
        "check the articles there (soapbot index --rebuild), or reinstall SOAP Coach."
    )
