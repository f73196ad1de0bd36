#!/usr/bin/env bash
# Submission surge: the day of action ends and supporters everywhere send their reports at once.
#
# 64 concurrent clients (wrk -t2 -c64, DURATION s) POST complete reports to /en/c/<slug>/report/, every one
# with unique text (identical content is de-duplicated on purpose). The CSRF cookie + token, the signed
# `started` stamp and `confirmed_place` (the gazetteer id /places/lookup/ gives for the city) come from one GET
# and are reused, so each POST saves in one step and answers 302 to .../report/thanks/.
# Counted: requests sent, 302s, anything else (status or socket error), report rows before/after;
#   lost  = 302s - new rows (a 302 without a row: must be 0)
#   unacknowledged = new rows - 302s (requests cut off by the end of the run after the server had saved them)
# Modes: `text` (urlencoded form) and `photo` (multipart, one ~3 MB 12-megapixel JPEG per report).
# Goals (from the issue): text >= 300 saved/s, photo >= 30 saved/s, 0 errors, 0 lost.
#
# Usage: bench/submission_surge.sh [text] [photo]      (default: both)
#   env: DB=sqlite|postgres (postgres runs inside scripts/with-postgres.sh), DURATION (15), PHOTO_DURATION (60:
#        64 uploads at ~0.45 s of CPU each share 2 cores, so they finish together in waves ~13 s apart), CONNECTIONS (64),
#        WORKERS (2), THREADS (8), PORT, CITY (Berlin),
#        PRESEED (0; e.g. 100000 bulk-loads that many reports first, as in a campaign that has already gone big)
# Served as `make run` does, with SOLIDARITY_REPORT_RATE_LIMIT=0 (all load comes from 127.0.0.1) and
# SOLIDARITY_MIN_FILL_SECONDS=0.

source "$(dirname "$0")/common.sh"

DB=${DB:-sqlite}
if [ "$DB" = postgres ] && [ -z "${DATABASE_URL:-}" ]; then
  exec "$ROOT/scripts/with-postgres.sh" "$0" "$@"
fi
[ "$DB" = sqlite ] && unset DATABASE_URL

MODES=("$@")
[ ${#MODES[@]} -gt 0 ] || MODES=(text photo)
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-64}
WORKERS=${WORKERS:-2}
THREADS=${THREADS:-1}
PHOTO_DURATION=${PHOTO_DURATION:-60}
PORT=${PORT:-18011}
CITY=${CITY:-Berlin}
PRESEED=${PRESEED:-0}
BASE=http://127.0.0.1:$PORT
FORM=/en/c/$SLUG/report/
WORK=$(mktemp -d /tmp/bench-submit.XXXXXX)
trap 'bench_cleanup; rm -rf "$WORK"' EXIT
export SOLIDARITY_REPORT_RATE_LIMIT=0 SOLIDARITY_MIN_FILL_SECONDS=0
SUMMARY=()

echo "== submission surge ($DB, preseed ${PRESEED} reports)  $(bench_machine)"
bench_prepare_data "$WORK/data"
if [ "$PRESEED" -gt 0 ]; then
  (cd "$ROOT" && "$PY" "$BENCH_DIR/seed_reports.py" "$PRESEED" "$SLUG")
fi
bench_start_granian "$PORT" "$WORKERS" "$THREADS" "$WORK/granian.log"

# One GET of the form: CSRF cookie + token and the signed `started` stamp, all reusable.
curl -s -c "$WORK/cookies" -o "$WORK/form.html" "$BASE$FORM"
export BENCH_CSRF_TOKEN BENCH_STARTED BENCH_CSRF_COOKIE BENCH_PLACE_ID BENCH_ORIGIN=$BASE BENCH_CITY=$CITY
BENCH_CSRF_TOKEN=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$WORK/form.html" | head -1)
BENCH_STARTED=$(sed -n 's/.*name="started" value="\([^"]*\)".*/\1/p' "$WORK/form.html" | head -1)
BENCH_CSRF_COOKIE=$(awk '$6 == "csrftoken" { print $7 }' "$WORK/cookies")
BENCH_PLACE_ID=$(curl -s "$BASE/places/lookup/?q=$CITY" | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["geonameid"])')
echo "form: token ${BENCH_CSRF_TOKEN:0:8}…, started ${BENCH_STARTED:0:8}…, $CITY -> geonameid $BENCH_PLACE_ID"

# Warm-up: every worker loads the gazetteer (~2 s of CPU) on its first lookup; do that before the clock starts
# (bench_quiet_check below then waits until the workers have finished loading).
wrk -t2 -c8 -d2s "$BASE/places/lookup/?q=$CITY" >/dev/null

# One POST by hand, to fail early and clearly if the form flow changed.
status=$(curl -s -b "$WORK/cookies" -o /dev/null -w '%{http_code} %{redirect_url}' -H "Origin: $BASE" \
  --data-urlencode "csrfmiddlewaretoken=$BENCH_CSRF_TOKEN" --data-urlencode "started=$BENCH_STARTED" \
  --data-urlencode "confirmed_place=$BENCH_PLACE_ID" --data-urlencode held_on=2023-01-20 \
  --data-urlencode "city=$CITY" --data-urlencode action_type=picket \
  --data-urlencode "public_text=bench warm-up $(date +%s%N)" "$BASE$FORM")
case $status in
  "302 "*/report/thanks/) echo "check POST: $status" ;;
  *) echo "ERROR: a single POST did not save (got: $status)" >&2; exit 1 ;;
esac

for mode in "${MODES[@]}"; do
  export BENCH_PHOTO=""
  run_for=$DURATION
  if [ "$mode" = photo ]; then
    BENCH_PHOTO=$WORK/photo.jpg
    "$PY" "$BENCH_DIR/make_photo.py" "$BENCH_PHOTO" 3
    run_for=$PHOTO_DURATION
  fi
  bench_quiet_check
  before=$(bench_report_count)
  max_id=$(bench_report_max_id)
  started_at=$(date +%s.%N)
  echo "-- $mode: wrk -t2 -c$CONNECTIONS -d${run_for}s --timeout 60s -s bench/submit.lua $BASE$FORM"
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${run_for}s" --timeout 60s --latency -s "$BENCH_DIR/submit.lua" "$BASE$FORM")
  echo "$out" | sed 's/^/    /'
  # Requests cut off at the end of the run still finish on the server: count once the row total stops moving.
  after=$(bench_report_count); drain=0
  while [ "$drain" -lt 120 ]; do
    sleep 2; drain=$((drain + 2)); now=$(bench_report_count)
    [ "$now" = "$after" ] && break
    after=$now
  done
  result=$(echo "$out" | grep '^RESULT')
  field() { echo "$result" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  sent=$(field sent); ok=$(field s302); other=$(field other); dur=$(field duration_s)
  errors=$(( other + $(field errors_connect) + $(field errors_read) + $(field errors_write) + $(field errors_timeout) ))
  new=$((after - before))
  lost=$(( ok > new ? ok - new : 0 ))
  unacked=$(( new > ok ? new - ok : 0 ))
  rate=$(awk -v n="$ok" -v d="$dur" 'BEGIN { printf "%.1f", n / d }')
  # Server-side rate: rows stored / time from the start of the run to the last row stored (includes the
  # requests cut off at the end, so it does not depend on where the run's cut falls; photos finish in waves).
  read -r since_n last_at < <(bench_reports_since "$max_id")
  server_rate=$(awk -v n="$since_n" -v a="$started_at" -v b="$last_at" 'BEGIN { printf "%.1f", (b > a) ? n / (b - a) : 0 }')
  goal=$([ "$mode" = photo ] && echo 30 || echo 300)
  met=$(awk -v r="$rate" -v g="$goal" -v e="$errors" -v l="$lost" 'BEGIN { print (r >= g && e == 0 && l == 0) ? "MET" : "NOT_MET" }')
  tracebacks=$(grep -c 'Traceback' "$WORK/granian.log" || true)
  echo "   $mode: sent=$sent 302=$ok errors=$errors rows_before=$before rows_after=$after new=$new lost=$lost" \
       "unacknowledged=$unacked drained_in=${drain}s saved/s=$rate server_rows/s=$server_rate p50=$(field p50_ms)ms p99=$(field p99_ms)ms tracebacks_in_log=$tracebacks"
  SUMMARY+=("$mode $DB $sent $ok $errors $new $lost $unacked $rate $server_rate $(field p99_ms) $goal $met")
done

echo
echo "== summary ($DB, preseed $PRESEED, granian --workers $WORKERS --blocking-threads $THREADS, $CONNECTIONS clients, text ${DURATION}s / photo ${PHOTO_DURATION}s)"
printf '%-6s %-8s %6s %6s %6s %6s %5s %7s %8s %9s %8s %5s %s\n' mode db sent 302 errors new lost unacked saved/s server/s p99_ms goal result
for line in "${SUMMARY[@]}"; do
  printf '%-6s %-8s %6s %6s %6s %6s %5s %7s %8s %9s %8s %5s %s\n' $line
done
echo "saved/s = 302s / run time (the goal's measure); server/s = new rows / (last row stored - start of run)"
