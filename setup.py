"""Build hook: the wheel carries the top-level ``knowledge/`` and ``prompts/`` folders.

Authors edit the guidance at the top of the repository; an installed SOAP Coach has no source
tree, so ``build_py`` copies both folders into the package as ``bot/_bundled/``, where
``bot.core.base.resources`` finds them. Editable installs skip the copy: they read the folders
in place. Everything else about the package is declared in ``pyproject.toml``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: Top-level folders copied into the package (bot.core.base.resources.BUNDLED_FOLDERS).
BUNDLED_FOLDERS = ("knowledge", "prompts")


class BuildWithGuidance(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "bot" / "_bundled"
        for name in BUNDLED_FOLDERS:
            source = ROOT / name
            if not source.is_dir():
                raise SystemExit(f"cannot build SOAP Coach: the {name}/ folder is missing")
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))


setup(cmdclass={"build_py": BuildWithGuidance})
