#!/usr/bin/env bash
# Read surge while moderators publish: the realistic case of bench/read_surge.sh.
#
# A campaign that has gone viral holds many reports (PRESEED, default 100,000) and moderators keep publishing.
# Every publication deletes the page's snapshot, so until one request has re-rendered it, every reader falls
# through to Django and renders the page too. This runs wrk -t2 -c64 on the campaign page while
# bench/publisher.py publishes one report per INTERVAL seconds, and reports req/s, latency and the share of
# responses that were snapshot hits. Compare with read_surge.sh's figures (no publishing, small campaign).
#
# Usage: bench/read_while_publishing.sh     env: PRESEED (100000), INTERVAL (1), DURATION (15), THREADS (1), PORT
#        (wrk parses every response here to count X-Snapshot, which costs it some throughput)

source "$(dirname "$0")/common.sh"

PRESEED=${PRESEED:-100000}
INTERVAL=${INTERVAL:-1}
DURATION=${DURATION:-15}
PORT=${PORT:-18021}
URL=http://127.0.0.1:$PORT/en/c/$SLUG/
WORK=$(mktemp -d /tmp/bench-publish.XXXXXX)
trap 'bench_cleanup; rm -rf "$WORK"' EXIT

echo "== read while publishing (preseed $PRESEED, one publication every ${INTERVAL}s)  $(bench_machine)"
bench_prepare_data "$WORK/data"
(cd "$ROOT" && "$PY" "$BENCH_DIR/seed_reports.py" "$PRESEED" "$SLUG")
bench_start_granian "$PORT" 2 "${THREADS:-1}" "$WORK/granian.log"
start=$(date +%s.%N); curl -s -o /dev/null "$URL"; end=$(date +%s.%N)
echo "first render of the page: $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", (b - a) * 1000 }') ms"
bench_quiet_check

publications=$(awk -v d="$DURATION" -v i="$INTERVAL" 'BEGIN { printf "%d", d / i }')
(cd "$ROOT" && exec "$PY" "$BENCH_DIR/publisher.py" "$publications" "$INTERVAL" "$SLUG") &
PUBLISHER=$!
BENCH_PIDS+=("$PUBLISHER")
out=$(wrk -t2 -c64 -d"${DURATION}s" --timeout 10s --latency -s "$BENCH_DIR/snapshot_hits.lua" "$URL")
wait "$PUBLISHER" || true
echo "$out" | sed 's/^/    /'
figures=$(echo "$out" | bench_wrk_figures)
hits=$(echo "$out" | sed -n 's/^SNAPSHOT hits=\([0-9]*\) total=\([0-9]*\)/\1 \2/p')
echo
echo "== summary: ${figures% *} req/s, p99 ${figures#* } ms, snapshot hits ${hits% *} of ${hits#* }" \
     "($(awk -v h="${hits% *}" -v t="${hits#* }" 'BEGIN { printf "%.2f", t ? 100 * h / t : 0 }')%)," \
     "$publications publications"
