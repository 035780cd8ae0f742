"""Structural rules of the code base: which package may import which, and no import cycles.

The layers, from the bottom: ``bot.core.base`` (store, LLM client, prompts, text, settings
access) imports no feature; the feature packages of ``bot.core`` (knowledge, screen, critique,
interview, companion, community) use one another only through a package's ``__init__``;
``bot.core`` never imports discord nor the front ends; the front ends (``bot.cogs`` and
``bot.ui`` for Discord, ``bot.terminal`` for the terminal) sit on top.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / "bot"
CORE = BOT / "core"
FEATURES = sorted(p.name for p in CORE.iterdir() if p.is_dir() and (p / "__init__.py").exists() and p.name != "base")
FRONT_ENDS = ("bot.cogs", "bot.ui", "bot.terminal", "bot.client")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def is_package(module: str) -> bool:
    return (ROOT / module.replace(".", "/") / "__init__.py").exists()


def imports(path: Path, *, runtime_only: bool = False) -> Iterator[tuple[str, list[str]]]:
    """(module, names) for every import in ``path``; relative imports are resolved.

    With ``runtime_only``, imports under ``if TYPE_CHECKING:`` are left out.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    if runtime_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped.update(id(child) for child in ast.walk(node))
    here = module_name(path).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here[: len(here) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base, [alias.name for alias in node.names]


def targets(path: Path, *, runtime_only: bool = False) -> Iterator[str]:
    """Every bot module ``path`` imports, with ``from pkg import submodule`` counted as the submodule."""
    for module, names in imports(path, runtime_only=runtime_only):
        if not module.startswith("bot"):
            continue
        yield module
        for name in names:
            if is_package(module) and (
                (ROOT / module.replace(".", "/") / f"{name}.py").exists() or is_package(f"{module}.{name}")
            ):
                yield f"{module}.{name}"


def py_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def feature_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 3 and parts[:2] == ["bot", "core"] and parts[2] in FEATURES:
        return parts[2]
    return None


def test_core_never_imports_discord() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in py_files(CORE)
        for module, _ in imports(path)
        if module == "discord" or module.startswith("discord.")
    ]
    assert offenders == []


def test_core_never_imports_a_front_end() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} -> {target}"
        for path in py_files(CORE)
        for target in targets(path)
        if target.startswith(FRONT_ENDS)
    ]
    assert offenders == []


def test_base_imports_no_feature() -> None:
    offenders = [
        f"{path.relative_to(ROOT)} -> {target}"
        for path in py_files(CORE / "base")
        for target in targets(path)
        if feature_of(target) or target == "bot.core.services"
    ]
    assert offenders == []


def test_features_use_each_other_only_through_the_package() -> None:
    """``from bot.core.critique import check_draft`` is fine; ``bot.core.critique.engine`` from
    another feature, or ``from bot.core.critique import engine``, is not."""
    offenders = []
    for feature in FEATURES:
        for path in py_files(CORE / feature):
            for target in targets(path):
                other = feature_of(target)
                if other and other != feature and target != f"bot.core.{other}":
                    offenders.append(f"{path.relative_to(ROOT)} -> {target}")
    assert offenders == []


def test_every_core_module_lives_in_a_package() -> None:
    """No flat modules in bot/core besides the services both front ends share."""
    loose = sorted(p.name for p in CORE.glob("*.py") if p.name not in ("__init__.py", "services.py"))
    assert loose == []
    for package in [*FEATURES, "base"]:
        doc = ast.get_docstring(ast.parse((CORE / package / "__init__.py").read_text(encoding="utf-8")))
        assert doc, f"bot/core/{package}/__init__.py needs a docstring saying what it owns and may import"


def test_no_import_cycles_in_bot() -> None:
    """The runtime import graph of bot/ (TYPE_CHECKING imports aside) has no cycle."""
    graph: dict[str, set[str]] = {}
    for path in py_files(BOT):
        name = module_name(path)
        graph[name] = {t for t in targets(path, runtime_only=True) if t != name}
        # Importing a module runs its package's __init__ first.
        parts = name.split(".")
        graph[name] |= {".".join(parts[:i]) for i in range(1, len(parts))} - {name}
    # A package's __init__ importing its own submodules is not a cycle back through it.
    for name, deps in graph.items():
        graph[name] = {d for d in deps if not name.startswith(d + ".")} if not is_package(name) else deps
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if dep not in graph:
                continue
            if state.get(dep) == 1:
                cycles.append([*stack[stack.index(dep) :], dep])
            elif dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert cycles == []


def test_discord_limits_live_in_one_place() -> None:
    """In the Discord layer, only bot/ui/limits.py spells out Discord's size limits."""
    magic = ("2000", "2_000", "4096", "4_096", "6000", "6_000", "4000", "4_000", "1024", "1_024")
    offenders = []
    discord_layer = [*py_files(BOT / "cogs"), *py_files(BOT / "ui"), BOT / "client.py"]
    for path in discord_layer:
        if path.name == "limits.py":
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.name}: {m}" for m in magic if m in text]
    assert offenders == []
