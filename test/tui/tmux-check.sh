#!/usr/bin/env bash
# Scripted check of `sim tui` in a real terminal: starts `sim tui scenario-a`
# in a detached 80x24 tmux session, sends keys, reads the screen with
# `tmux capture-pane -p` and asserts on it. Needs tmux; without it the check
# is skipped (exit 0, "SKIP" on stdout). Builds dist/ if it is missing.
# CI=true is set on purpose: CI machines set it, and Ink then draws no frames
# unless `sim tui` clears it.
#
#   bash test/tui/tmux-check.sh           # run the check
#   bash test/tui/tmux-check.sh --show    # also print the run view as captured
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHOW="${1:-}"
if ! command -v tmux >/dev/null 2>&1; then
  echo "tmux-check: SKIP: tmux is not installed (apt-get install tmux), so the TUI was not checked in a real terminal"
  exit 0
fi
[ -f "$ROOT/dist/src/cli/main.js" ] || (cd "$ROOT" && npx tsc)

S="failsim-check-$$"
TMP="$(mktemp -d)"
FAULTS="$TMP/session.faults.json"
cleanup() { tmux kill-session -t "$S" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

screen() { tmux capture-pane -p -t "$S"; }
fail() { echo "tmux-check: FAIL: $1"; echo "----- screen -----"; screen; echo "------------------"; exit 1; }
# wait_for TEXT [SECONDS]: polls the screen until it shows TEXT (a fixed string).
wait_for() {
  local deadline=$(( $(date +%s) + ${2:-40} ))
  until screen | grep -qF -- "$1"; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "timed out waiting for \"$1\""
    sleep 0.2
  done
}
key() { tmux send-keys -t "$S" "$@"; }
step() { echo "tmux-check: $1"; }

tmux new-session -d -s "$S" -x 80 -y 24 -c "$ROOT" \
  "env -u NO_COLOR CI=true TERM=xterm-256color node dist/src/cli/main.js tui scenario-a --paused --out '$FAULTS'; echo \"EXIT=\$?\"; sleep 120"

step "opens the run view paused at 0 s, fitted to 80x24"
wait_for "scenario-a  seed 42  0.000s/180s  ⏸ paused 5x"
wait_for "space resume  . step"
[ "$(screen | wc -l)" -le 24 ] || fail "more than 24 lines"
screen | sed -n 2p | grep -q '╮$' || fail "the top boxes do not end at column 80"

step "] jumps 10 s of virtual time"
key ']'
wait_for "10.000s/180s"

step "space runs and pauses"
key Space
wait_for "▶ running 5x"
key Space
wait_for "⏸ paused 5x"

step ". processes one event"
key '.'
wait_for "event #"

step "] x8 reaches the failover (pg-1 promoted at 83.6 s)"
for _ in 1 2 3 4 5 6 7 8; do key ']'; done
wait_for "promoted to primary (timeline 2)"
wait_for "leader key    pg-1"

step "f opens the fault menu; pg-1 crash is injected now"
key f
wait_for "inject a fault now, at"
# One Down at a time, each waited for, so a slow redraw cannot make it overshoot.
for _ in $(seq 1 80); do
  before="$(screen | grep -F '❯' || true)"
  [[ "$before" == *"❯ pg-1 crash"* ]] && break
  key Down
  for _ in $(seq 1 100); do
    [ "$(screen | grep -F '❯' || true)" != "$before" ] && break
    sleep 0.05
  done
done
wait_for "❯ pg-1 crash" 2
key Enter
wait_for "fault injected: crash pg-1"
wait_for "1 live fault"

step "[ rewinds by re-simulating"
key '['
wait_for "re-simulated from 0"

step "? shows the help, any key closes it"
key '?'
wait_for "keys (any key closes this help)"
key Escape
wait_for "space resume  . step"

step "a larger terminal is used: the header gains the title"
tmux resize-window -t "$S" -x 140 -y 40
wait_for "Primary shard failure: Patroni + etcd failover on Kubernetes"
tmux resize-window -t "$S" -x 80 -y 24
wait_for "space resume  . step"
if [ "$SHOW" = "--show" ]; then screen; fi

step "q quits, restores the terminal, writes the faults file and prints the replay command"
key q
wait_for "EXIT=0"
screen | grep -qF "⏸ paused" && fail "the run view is still on screen after quitting (alternate screen not left)"
wait_for "injected live)"
wait_for "replay: sim run scenario-a --seed 42 --faults"
grep -q '"target": "pg-1"' "$FAULTS" || fail "the faults file lacks the live fault"
grep -q '"kind": "node-crash"' "$FAULTS" || fail "the faults file lacks the scenario's own fault"

step "the faults file replays with sim run"
code=0
node "$ROOT/dist/src/cli/main.js" run scenario-a --seed 42 --faults "$FAULTS" --json > "$TMP/replay.json" || code=$?
[ "$code" -le 1 ] || fail "sim run --faults exited $code"
grep -q '"digest"' "$TMP/replay.json" || fail "no digest in the replay's JSON"

echo "tmux-check: PASS"
