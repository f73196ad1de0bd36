#!/usr/bin/env bash
# Read surge: a call goes viral and thousands of readers open one campaign page.
#
# The page is a pre-rendered snapshot served from memory by SnapshotApp in front of Django, so the question is
# how close the app server gets to a plain static file server on the same box. In one run this measures:
#   1. the app served exactly as `make run` does (granian, 2 workers, 1 blocking thread each), with a check that
#      the responses really are snapshot hits (X-Snapshot: 1);
#   2. nginx (2 workers, non-daemon, loopback) serving a saved copy of the same page; ratio app/nginx;
#   3. a sweep of granian workers (1, 2, 3) x --blocking-threads (1, 2, 8);
#   4. the same page with snapshots off (SOLIDARITY_SNAPSHOTS=0), so the gain is visible.
# Goal (from the issue): ratio >= 0.5 with p99 < 20 ms. Load: wrk -t2 -c64 -d15s --latency (plus --timeout 10s so
# a slow response is measured rather than dropped as a timeout at wrk's default 2 s).
#
# Usage: bench/read_surge.sh
#   env: DURATION (15), REPEAT (1: timed runs per configuration; the summary gives the median and the range),
#        SWEEP (1; 0 skips step 3), VERBOSE (0; 1 prints wrk's full output), PORT, NGINX_PORT
# wrk and the servers share the machine's cores, as they would in any single-box load test.

source "$(dirname "$0")/common.sh"

DURATION=${DURATION:-15}
SWEEP=${SWEEP:-1}
REPEAT=${REPEAT:-1}
VERBOSE=${VERBOSE:-0}
PORT=${PORT:-18001}
NGINX_PORT=${NGINX_PORT:-18081}
WORK=$(mktemp -d /tmp/bench-read.XXXXXX)
chmod 755 "$WORK"   # nginx workers run as an unprivileged user and must read the copied page
trap 'bench_cleanup; rm -rf "$WORK"' EXIT
PAGE=/en/c/$SLUG/
APP_URL=http://127.0.0.1:$PORT$PAGE
SUMMARY=()

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

timed_wrk() {  # URL LABEL: REPEAT timed runs; appends "LABEL median_rps median_p99 min_rps max_rps" to SUMMARY
  local i out figures rps=() p99=()
  for i in $(seq 1 "$REPEAT"); do
    bench_quiet_check | sed 's/^/    /'
    out=$(wrk -t2 -c64 -d"${DURATION}s" --timeout 10s --latency "$1")
    [ "$VERBOSE" = 1 ] && echo "$out" | sed 's/^/      /'
    if echo "$out" | grep -qE 'Non-2xx|Socket errors'; then
      echo "$out" | grep -E 'Non-2xx|Socket errors' | sed 's/^/    WARNING: /'
    fi
    figures=$(echo "$out" | bench_wrk_figures)
    rps+=("${figures% *}"); p99+=("${figures#* }")
    echo "    run $i: ${figures% *} req/s, p99 ${figures#* } ms"
  done
  LAST_RPS=$(median "${rps[@]}")
  LAST_P99=$(median "${p99[@]}")
  SUMMARY+=("$2 $LAST_RPS $LAST_P99 $(printf '%s\n' "${rps[@]}" | sort -g | head -1) $(printf '%s\n' "${rps[@]}" | sort -g | tail -1)")
}

snapshot_check() {  # prints hits/total from a short parsed run
  wrk -t2 -c64 -d3s -s "$BENCH_DIR/snapshot_hits.lua" "$APP_URL" | awk '/^SNAPSHOT/ {print $2, $3}'
}

echo "== read surge  $(bench_machine)"
bench_prepare_data "$WORK/data"

# --- 1. the app as `make run` serves it -------------------------------------------------------------------
bench_start_granian "$PORT" 2 1 "$WORK/granian.log"
curl -s -o /dev/null "$APP_URL"                      # first request renders the page and writes the snapshot
curl -s -D "$WORK/headers" -o "$WORK/page.html" "$APP_URL"
grep -qi '^x-snapshot: 1' "$WORK/headers" && echo "second request: X-Snapshot: 1 (snapshot served)" \
  || echo "WARNING: second request was not a snapshot hit"
echo "-- snapshot hits under load (3 s, parsed): $(snapshot_check)"
echo "-- app, granian --workers 2 --blocking-threads 1 (make run)"
timed_wrk "$APP_URL" "app_w2_t1_make_run"
APP_RPS=$LAST_RPS; APP_P99=$LAST_P99
bench_stop "$GRANIAN_PID"

# --- 2. nginx serving the saved copy -----------------------------------------------------------------------
mkdir -p "$WORK/nginx/root$PAGE" "$WORK/nginx/logs"
cp "$WORK/page.html" "$WORK/nginx/root$PAGE/index.html"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  sendfile on;
  tcp_nopush on;
  open_file_cache max=64;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/root;
    default_type text/html;
  }
}
EOF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" &
NGINX_PID=$!
BENCH_PIDS+=("$NGINX_PID")
bench_wait_http "$NGINX_PORT" "$PAGE"
if cmp -s "$WORK/page.html" <(curl -s "http://127.0.0.1:$NGINX_PORT$PAGE"); then
  echo "nginx serves the same bytes ($(wc -c <"$WORK/page.html") bytes)"
else
  echo "ERROR: nginx does not serve the saved page" >&2; exit 1
fi
echo "-- nginx, 2 workers, static copy"
timed_wrk "http://127.0.0.1:$NGINX_PORT$PAGE" "nginx_static_w2"
NGINX_RPS=$LAST_RPS; NGINX_P99=$LAST_P99
bench_stop "$NGINX_PID"
RATIO=$(awk -v a="$APP_RPS" -v n="$NGINX_RPS" 'BEGIN { printf "%.2f", a / n }')
echo "ratio app/nginx so far: $RATIO"

# --- 3. worker / blocking-thread sweep ---------------------------------------------------------------------
if [ "$SWEEP" = 1 ]; then
  for workers in 1 2 3; do
    for threads in 1 2 8; do
      bench_start_granian "$PORT" "$workers" "$threads" "$WORK/granian.log"
      curl -s -o /dev/null "$APP_URL"
      echo "-- sweep: granian --workers $workers --blocking-threads $threads  (snapshot hits: $(snapshot_check))"
      timed_wrk "$APP_URL" "sweep_w${workers}_t${threads}"
      bench_stop "$GRANIAN_PID"
    done
  done
fi

# --- 4. snapshots off: every request renders through Django ------------------------------------------------
rm -rf "$SOLIDARITY_DATA_DIR/snapshots"   # SnapshotApp serves any file present, whatever the setting says
SOLIDARITY_SNAPSHOTS=0 bench_start_granian "$PORT" 2 1 "$WORK/granian.log"
curl -s -o /dev/null "$APP_URL"
echo "-- snapshots off (SOLIDARITY_SNAPSHOTS=0), make run settings  (snapshot hits: $(snapshot_check))"
timed_wrk "$APP_URL" "no_snapshots_w2_t1"
bench_stop "$GRANIAN_PID"

echo
echo "== summary (wrk -t2 -c64 -d${DURATION}s --timeout 10s, median of $REPEAT run(s); req/s range min..max)"
printf '%-24s %10s %9s %21s\n' run req/s p99_ms range
for line in "${SUMMARY[@]}"; do
  set -- $line
  printf '%-24s %10.0f %9.2f %10.0f..%-10.0f\n' "$1" "$2" "$3" "$4" "$5"
done
echo "ratio app/nginx = $RATIO   (app $APP_RPS req/s p99 $APP_P99 ms; nginx $NGINX_RPS req/s p99 $NGINX_P99 ms)"
awk -v r="$RATIO" -v p="$APP_P99" 'BEGIN { ok = (r >= 0.5 && p < 20); print "goal ratio >= 0.5 and p99 < 20 ms: " (ok ? "MET" : "NOT MET") }'
