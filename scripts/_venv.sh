# Shared by scripts/start and scripts/test: create .venv and install the project into it.
# Usage: . scripts/_venv.sh EXTRAS   (EXTRAS like "" or "[test]")
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "SOAP Coach needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x "$ROOT/.venv/bin/python" ]; then
  echo "Creating a virtual environment in .venv ..." >&2
  "$PYTHON" -m venv "$ROOT/.venv"
fi
VENV_PY="$ROOT/.venv/bin/python"
STAMP="$ROOT/.venv/.installed-${1:-base}"
# Reinstall only when pyproject.toml changed since the last install.
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
  echo "Installing SOAP Coach and its dependencies (first run takes a minute or two) ..." >&2
  LOG="$ROOT/.venv/install.log"
  # Installer chatter goes to a log; it is shown only if the install fails.
  if ! { "$VENV_PY" -m pip install --quiet --disable-pip-version-check --upgrade pip \
         && "$VENV_PY" -m pip install --quiet --disable-pip-version-check -e "$ROOT${1:-}"; } >"$LOG" 2>&1; then
    tail -n 40 "$LOG" >&2
    echo "Installation failed; the full log is in $LOG." >&2
    exit 1
  fi
  touch "$STAMP"
fi
