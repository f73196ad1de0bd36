#!/usr/bin/env bash
# Every benchmark in bench/, one after the other (about 20 minutes with the defaults; QUICK=1 for a ~4 minute
# smoke run with short durations and no sweep). Each script starts and kills its own servers on 127.0.0.1 and
# uses throwaway data under /tmp; the full output goes to $LOG_DIR (printed at the end). PostgreSQL runs happen
# only if a PostgreSQL server binary is installed (scripts/with-postgres.sh starts a throwaway one).
#
# The figures depend on the box being otherwise idle: each timed run prints how idle the CPU was before it.
set -euo pipefail
cd "$(dirname "$0")/.."

LOG_DIR=${LOG_DIR:-/tmp/solidarity-bench-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$LOG_DIR"
if [ "${QUICK:-0}" = 1 ]; then
  export DURATION=${DURATION:-5} PHOTO_DURATION=${PHOTO_DURATION:-15} SWEEP=${SWEEP:-0} REPEAT=${REPEAT:-1}
  TALLY_ARGS=(--reports 20000 --runs 20)
  REGISTRY_ARGS=(--people 20000 --runs 20)
else
  export REPEAT=${REPEAT:-1}
  TALLY_ARGS=(--runs 60)
  REGISTRY_ARGS=(--runs 100 --proposals)
fi
have_pg=0
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && have_pg=1

step() {  # NAME COMMAND...: run, keep the log, show the summary part
  local name=$1
  shift
  echo "### $name: $*"
  "$@" >"$LOG_DIR/$name.log" 2>&1 || { echo "FAILED (see $LOG_DIR/$name.log)"; tail -20 "$LOG_DIR/$name.log"; return 1; }
  sed -n '/^database:/p; /^== summary/,$p; /^measure/,$p' "$LOG_DIR/$name.log"
  echo
}

step read_surge bench/read_surge.sh
step read_while_publishing bench/read_while_publishing.sh
step submission_sqlite env DB=sqlite bench/submission_surge.sh text photo
step submission_sqlite_preseed100k env DB=sqlite PRESEED=100000 bench/submission_surge.sh text
step tally_sqlite .venv/bin/python bench/tally.py "${TALLY_ARGS[@]}"
step registry_sqlite .venv/bin/python bench/registry.py "${REGISTRY_ARGS[@]}"
if [ "$have_pg" = 1 ]; then
  step submission_postgres env DB=postgres bench/submission_surge.sh text photo
  step tally_postgres scripts/with-postgres.sh .venv/bin/python bench/tally.py "${TALLY_ARGS[@]}"
  step registry_postgres scripts/with-postgres.sh .venv/bin/python bench/registry.py "${REGISTRY_ARGS[@]}"
  step scale_out env LEVERS="${LEVERS:-$([ "${QUICK:-0}" = 1 ] && echo 0 || echo 1)}" bench/scale_out.sh
else
  echo "### PostgreSQL not installed: skipped (scripts/system-deps.sh installs it)"
fi
echo "full logs: $LOG_DIR"
