#!/usr/bin/env bash
# First start, measured the way a new user meets it (README, "First start"):
#   1. a fresh clone of this repository to the console prompt with ./scripts/start (creating .venv,
#      installing SOAP Coach and its dependencies, loading the guidance), then a second start;
#   2. an installed copy: the wheel built from that clone, `pip install`ed (not editable) into a
#      fresh virtual environment, then its first and second `soapbot ask` from an empty folder.
# Packages come from whatever pip is configured to use (its cache makes a second run faster).
# Usage: bench/first_start.sh   (about two minutes; everything happens in a temporary folder)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
QUESTION="Can my dean call a program for me?"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# Each line of standard input, prefixed with the time it arrived (to split install from start).
stamp() { while IFS= read -r line; do printf '%s %s\n' "$(now)" "$line"; done; }
unset DISCORD_TOKEN OPENAI_API_KEY OPENAI_BASE_URL DATA_DIR KNOWLEDGE_DIR CALENDAR_DIR PROMPTS_DIR || true

echo "Measuring on $(nproc) cores; work folder $WORK" >&2

# 1. Fresh clone -> console prompt (the console reads end of input at its prompt and leaves).
git clone --quiet "$ROOT" "$WORK/clone"
cd "$WORK/clone"
start="$(now)"
./scripts/start </dev/null >"$WORK/start.out" 2> >(stamp >"$WORK/start.err")
to_prompt="$(since "$start")"
wait
grep -q "you>" "$WORK/start.out" || { cat "$WORK/start.out" "$WORK/start.err" >&2; echo "no console prompt" >&2; exit 1; }
installed_at="$(awk '/starting the terminal console/ { print $1; exit }' "$WORK/start.err")"
install_part="$(awk -v a="$start" -v b="$installed_at" 'BEGIN { printf "%.1f", b - a }')"
start="$(now)"
./scripts/start </dev/null >/dev/null 2>&1
second_start="$(since "$start")"

# 2. An installed copy, from an empty folder.
quietly() { "$@" >"$WORK/pip.log" 2>&1 || { tail -n 30 "$WORK/pip.log" >&2; exit 1; }; }
quietly "$WORK/clone/.venv/bin/python" -m pip wheel --quiet --no-deps --wheel-dir "$WORK/dist" "$WORK/clone"
start="$(now)"
"$PYTHON" -m venv "$WORK/installed"
quietly "$WORK/installed/bin/python" -m pip install --quiet "$WORK"/dist/soap_coach-*.whl
install_wheel="$(since "$start")"
mkdir "$WORK/empty" && cd "$WORK/empty"
start="$(now)"
"$WORK/installed/bin/soapbot" ask --json "$QUESTION" >"$WORK/ask.json"
first_ask="$(since "$start")"
grep -q '"article": "communication-rules"' "$WORK/ask.json" || { cat "$WORK/ask.json" >&2; exit 1; }
start="$(now)"
"$WORK/installed/bin/soapbot" ask --json "$QUESTION" >/dev/null
second_ask="$(since "$start")"

cat <<EOF
measure                                                    seconds
fresh clone -> console prompt (./scripts/start)            $to_prompt
  of which creating .venv and installing                   $install_part
second ./scripts/start -> prompt                           $second_start
pip install of the wheel into a fresh virtual environment  $install_wheel
installed copy: first soapbot ask, empty folder            $first_ask
installed copy: second soapbot ask                         $second_ask
EOF
