#!/usr/bin/env bash
# Scale-out: one app process vs two, behind one nginx, sharing one PostgreSQL, one cache and one media folder.
#
# Two granian processes on two ports stand in for two boxes, set up as tests/system/cluster.py sets them up
# (granian WSGI, 1 worker, --blocking-threads 1, each with its own SOLIDARITY_DATA_DIR, a shared secret key,
# SOLIDARITY_CACHE=db, one SOLIDARITY_MEDIA_ROOT, nginx round robin with X-Real-IP). PostgreSQL is a throwaway
# server started here with its durable defaults (fsync and synchronous_commit on, as a deployment runs it).
#   1. submission surge: wrk -t2 -c64 -d15s posting unique reports (scale_out_submit.lua) through nginx to ONE
#      box, then to TWO; saved/s (302s / run time), errors, lost (302s - new rows in PostgreSQL), p99.
#      Interleaved (one, two, one, two, ...) REPEAT times; the summary gives median and range, and ratio two / one.
#   2. read surge: wrk -t2 -c64 -d15s on the campaign page through nginx (snapshots on), one box vs two;
#      req/s, p99, and the share of answers that were snapshot hits (snapshot_hits.lua, separate 3 s run).
#   3. levers (LEVERS=1): the same one-vs-two submission pair (1 run each) with granian --workers 2, with
#      --blocking-threads 2, with PostgreSQL synchronous_commit=off, with conn_max_age=0 (no connection reuse;
#      the default is 60 s), and with keep-alive connections from nginx to the boxes (also measured on reads).
# For every timed run it prints how idle the CPU was just before, and where the CPU went during it (cores used
# by the app processes, PostgreSQL, nginx, wrk, and everything else on the machine), from /proc.
# Goal (issue 8): two processes >= 1.5x one on the submission surge.
#
# Usage: bench/scale_out.sh
#   env: DURATION (15), CONNECTIONS (64), REPEAT (3), LEVERS (1), READS (1), QUIET_WAIT (15: longest wait, in s,
#        for >= 90 % idle), PG_PORT (55470), PORT (18471: box ports PORT, PORT+1; nginx on PORT-1),
#        NGINX_WORKERS (auto), STATEMENTS (1: per-statement figures from pg_stat_statements)
# Everything listens on 127.0.0.1 only; everything started here is stopped on exit.

source "$(dirname "$0")/common.sh"

DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-64}
REPEAT=${REPEAT:-3}
LEVERS=${LEVERS:-1}
READS=${READS:-1}
QUIET_WAIT=${QUIET_WAIT:-15}
STATEMENTS=${STATEMENTS:-1}
PG_PORT=${PG_PORT:-55470}
PORT=${PORT:-18471}
NGINX_PORT=$((PORT - 1))
NGINX_WORKERS=${NGINX_WORKERS:-auto}
BOX_PORTS=("$PORT" "$((PORT + 1))")
SLUG=scale-out-surge
FORM=/en/c/$SLUG/report/
PAGE=/en/c/$SLUG/
BASE=http://127.0.0.1:$NGINX_PORT
CITY=Berlin
HZ=$(getconf CLK_TCK)
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

WORK=$(mktemp -d /tmp/bench-scale.XXXXXX)
chmod 755 "$WORK"
AS_PG=()
NGINX_USER=""
if [ "$(id -u)" -eq 0 ]; then
  AS_PG=(runuser -u postgres --)
  NGINX_USER="user root;"
fi
NGINX_PID=""
BOX_PIDS=()

cleanup() {
  bench_cleanup
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
lowest() { printf '%s\n' "$@" | sort -g | head -1; }
highest() { printf '%s\n' "$@" | sort -g | tail -1; }
psql_q() { "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U solidarity -d solidarity -Atq "$@"; }
rows() { psql_q -c "SELECT count(*) FROM reports_report"; }

# --- CPU accounting from /proc ------------------------------------------------------------------------------
tree_pids() {  # the given pids and all their descendants
  local p
  for p in "$@"; do
    [ -n "$p" ] && [ -d "/proc/$p" ] || continue
    echo "$p"
    tree_pids $(ps -o pid= --ppid "$p" 2>/dev/null)
  done
}
ticks_of() {  # utime+stime (+ those of children already reaped) summed over the given pids, in clock ticks
  local total=0 p line
  for p in "$@"; do
    line=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    local f=(${line##*) })  # fields from "state" on: utime is field 14 of stat, i.e. f[11]
    total=$((total + f[11] + f[12] + f[13] + f[14]))
  done
  echo "$total"
}
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
PG_MASTER=""
cpu_sample() {  # "app pg nginx busy total" ticks now
  local app pg ngx
  app=$(ticks_of $(tree_pids "${BOX_PIDS[@]}"))
  pg=$(ticks_of $(tree_pids "$PG_MASTER"))
  ngx=$(ticks_of $(tree_pids "$NGINX_PID"))
  echo "$app $pg $ngx $(machine_ticks)"
}
cpu_split() {  # BEFORE AFTER WRK_SECONDS: "app=.. pg=.. nginx=.. wrk=.. other=.. idle=.." in cores (of $(nproc))
  local a=($1) b=($2)
  awk -v hz="$HZ" -v n="$(nproc)" -v wrk="$3" -v app=$((b[0] - a[0])) -v pg=$((b[1] - a[1])) \
      -v ngx=$((b[2] - a[2])) -v busy=$((b[3] - a[3])) -v total=$((b[4] - a[4])) 'BEGIN {
    secs = total / n / hz; if (secs <= 0) secs = 1
    c_app = app / hz / secs; c_pg = pg / hz / secs; c_ngx = ngx / hz / secs; c_wrk = wrk / secs
    c_busy = busy / hz / secs; other = c_busy - c_app - c_pg - c_ngx - c_wrk; if (other < 0) other = 0
    printf "app=%.2f pg=%.2f nginx=%.2f wrk=%.2f other=%.2f idle=%.2f", c_app, c_pg, c_ngx, c_wrk, other, n - c_busy }'
}

# Wait (up to QUIET_WAIT s) for >= 90 % idle; sets IDLE and prints it with the load average and the busiest
# processes when the box is not idle (other people's jobs share these 2 cores).
quiet() {
  local i
  for i in $(seq 1 "$QUIET_WAIT"); do
    IDLE=$(bench_idle_pct)
    [ "$IDLE" -ge 90 ] && break
  done
  if [ "$IDLE" -ge 90 ]; then
    echo "    machine ${IDLE}% idle before this run (load $(cut -d' ' -f1-3 /proc/loadavg))"
  else
    echo "    NOTE: machine only ${IDLE}% idle before this run (load $(cut -d' ' -f1-3 /proc/loadavg)); busiest others:" \
      "$(top -bn1 -o %CPU | awk -v ours=" $(tree_pids "${BOX_PIDS[@]}" "$PG_MASTER" "$NGINX_PID" | tr '\n' ' ')" \
           'NR > 7 && $9 > 5 && index(ours, " " $1 " ") == 0 { printf "%s %s%%, ", $12, $9 }' | head -c 200)"
  fi
}

# --- PostgreSQL ---------------------------------------------------------------------------------------------
start_postgres() {
  mkdir -p "$WORK/pg"
  [ ${#AS_PG[@]} -eq 0 ] || chown postgres:postgres "$WORK/pg"
  "${AS_PG[@]}" "$PG_BIN/initdb" -D "$WORK/pg/data" -U solidarity --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  local preload=""
  [ "$STATEMENTS" = 1 ] && preload="-c shared_preload_libraries=pg_stat_statements"
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=100 $preload" start >/dev/null
  "${AS_PG[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U solidarity solidarity
  PG_MASTER=$(head -1 "$WORK/pg/data/postmaster.pid")
  [ "$STATEMENTS" = 1 ] && psql_q -c "CREATE EXTENSION pg_stat_statements"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT:" \
    "fsync=$(psql_q -c 'SHOW fsync') synchronous_commit=$(psql_q -c 'SHOW synchronous_commit')" \
    "wal_sync_method=$(psql_q -c 'SHOW wal_sync_method') shared_buffers=$(psql_q -c 'SHOW shared_buffers')"
}

set_sync_commit() {  # on|off, for every new connection
  psql_q -c "ALTER SYSTEM SET synchronous_commit = $1" -c "SELECT pg_reload_conf()" >/dev/null
}

# --- app boxes and the proxy ------------------------------------------------------------------------------
export DATABASE_URL="postgres://solidarity@127.0.0.1:$PG_PORT/solidarity"
export SOLIDARITY_SECRET_KEY="scale-out-bench-secret-key-long-enough-for-django-checks-$RANDOM$RANDOM"
export SOLIDARITY_CACHE=db SOLIDARITY_REPORT_RATE_LIMIT=0 SOLIDARITY_MIN_FILL_SECONDS=0 SOLIDARITY_REQUEST_LOG=0
export SOLIDARITY_CLIENT_IP_HEADER=X-Real-IP SOLIDARITY_MEDIA_ROOT=$WORK/media SOLIDARITY_SUMMARY_DIR=$WORK/summaries
mkdir -p "$WORK/media" "$WORK/summaries" "$WORK/pyconf"
# conn_max_age is fixed at 60 s in solidarity/settings.py; the lever runs with this settings module on top of it.
cat >"$WORK/pyconf/scale_out_no_reuse.py" <<'EOF'
from solidarity.settings import *  # noqa: F403

DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
EOF

BOX_WORKERS=1
BOX_THREADS=1
BOX_SETTINGS=solidarity.settings
start_boxes() {  # both boxes, with BOX_WORKERS, BOX_THREADS, BOX_SETTINGS
  local n
  BOX_PIDS=()
  for n in 0 1; do
    if curl -s -o /dev/null "http://127.0.0.1:${BOX_PORTS[$n]}/"; then
      echo "ERROR: something already answers on 127.0.0.1:${BOX_PORTS[$n]}" >&2; exit 1
    fi
    SOLIDARITY_DATA_DIR=$WORK/box$n DJANGO_SETTINGS_MODULE=$BOX_SETTINGS PYTHONPATH=$ROOT:$WORK/pyconf \
      bench_start_granian "${BOX_PORTS[$n]}" "$BOX_WORKERS" "$BOX_THREADS" "$WORK/box$n.log"
    BOX_PIDS+=("$GRANIAN_PID")
  done
  # first requests load templates and translations: send a few of each kind to each box before any clock runs
  for n in 0 1; do
    curl -s -o /dev/null "http://127.0.0.1:${BOX_PORTS[$n]}$PAGE"
    curl -s -o /dev/null "http://127.0.0.1:${BOX_PORTS[$n]}$PAGE"
    [ -n "${BENCH_CSRF_TOKEN:-}" ] || continue  # (the first start comes before the form was fetched)
    BENCH_ORIGIN=http://127.0.0.1:${BOX_PORTS[$n]} wrk -t1 -c2 -d1s -s "$BENCH_DIR/scale_out_submit.lua" \
      "http://127.0.0.1:${BOX_PORTS[$n]}$FORM" >/dev/null
  done
}
stop_boxes() {
  local pid
  for pid in "${BOX_PIDS[@]}"; do bench_stop "$pid"; done
  BOX_PIDS=()
}

NGINX_KEEPALIVE=0
start_nginx() {  # BOXES: nginx round robin over the first BOXES boxes (as tests/system/cluster.py's Proxy)
  local boxes=$1 n servers="" keepalive="" upstream_http=""
  [ -z "$NGINX_PID" ] || bench_stop "$NGINX_PID"
  if curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/"; then
    echo "ERROR: something already answers on 127.0.0.1:$NGINX_PORT" >&2; exit 1
  fi
  for n in $(seq 0 $((boxes - 1))); do servers+="    server 127.0.0.1:${BOX_PORTS[$n]};"$'\n'; done
  if [ "$NGINX_KEEPALIVE" = 1 ]; then
    keepalive="    keepalive 32;"
    upstream_http=$'      proxy_http_version 1.1;\n      proxy_set_header Connection "";'
  fi
  mkdir -p "$WORK/nginx"
  cat >"$WORK/nginx/nginx.conf" <<EOF
$NGINX_USER
worker_processes $NGINX_WORKERS;
daemon off;
error_log $WORK/nginx/error.log;
pid $WORK/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  upstream app {
$servers$keepalive
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    client_max_body_size 20m;
    location / {
      proxy_pass http://app;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Real-IP \$remote_addr;
      proxy_next_upstream error timeout;
$upstream_http
    }
  }
}
EOF
  nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" >"$WORK/nginx/out" 2>&1 &
  NGINX_PID=$!
  BENCH_PIDS+=("$NGINX_PID")
  bench_wait_http "$NGINX_PORT" /healthz
  kill -0 "$NGINX_PID" 2>/dev/null || { echo "ERROR: nginx did not start: $(cat "$WORK/nginx/out")" >&2; exit 1; }
}

# --- the timed runs -----------------------------------------------------------------------------------------
RESULTS=()   # "kind label boxes saved_or_rps p99 errors lost idle cpu..." per run

pg_counters() { psql_q -c "SELECT xact_commit, tup_inserted FROM pg_stat_database WHERE datname = 'solidarity'"; }

submit_run() {  # LABEL BOXES RUN
  local label=$1 boxes=$2 run=$3 out before after now drain c0 c1 before_cpu after_cpu wrk_cpu
  start_nginx "$boxes"
  quiet
  before=$(rows)
  c0=$(pg_counters)
  before_cpu=$(cpu_sample)
  out=$(/usr/bin/time -f 'WRKCPU %U %S' wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 60s --latency \
    -s "$BENCH_DIR/scale_out_submit.lua" "$BASE$FORM" 2>&1)
  after_cpu=$(cpu_sample)
  wrk_cpu=$(echo "$out" | awk '/^WRKCPU/ { print $2 + $3 }')
  # requests cut off by the end of the run still finish on the server: count once the total stops moving
  after=$(rows); drain=0
  while [ "$drain" -lt 60 ]; do
    sleep 1; drain=$((drain + 1)); now=$(rows)
    [ "$now" = "$after" ] && break
    after=$now
  done
  c1=$(pg_counters)
  local result
  result=$(echo "$out" | grep '^RESULT')
  field() { echo "$result" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  local sent ok other dur errors new lost unacked rate p99 commits split
  sent=$(field sent); ok=$(field s302); other=$(field other); dur=$(field duration_s)
  errors=$(( other + $(field errors_connect) + $(field errors_read) + $(field errors_write) + $(field errors_timeout) ))
  new=$((after - before))
  lost=$(( ok > new ? ok - new : 0 ))
  unacked=$(( new > ok ? new - ok : 0 ))
  rate=$(awk -v n="$ok" -v d="$dur" 'BEGIN { printf "%.1f", n / d }')
  p99=$(field p99_ms)
  commits=$(awk -v a="${c0%|*}" -v b="${c1%|*}" -v n="$new" 'BEGIN { printf "%.1f", n ? (b - a) / n : 0 }')
  split=$(cpu_split "$before_cpu" "$after_cpu" "$wrk_cpu")
  echo "    submit $label boxes=$boxes run=$run: sent=$sent 302=$ok errors=$errors new_rows=$new lost=$lost" \
       "unacknowledged=$unacked drained_in=${drain}s saved/s=$rate p50=$(field p50_ms)ms p99=${p99}ms" \
       "commits/report=$commits cores: $split"
  [ "$errors" -eq 0 ] || echo "    statuses: $result"
  RESULTS+=("submit $label $boxes $rate $p99 $errors $lost $IDLE ${split// /,}")
}

read_run() {  # LABEL BOXES RUN
  local label=$1 boxes=$2 run=$3 out figures before_cpu after_cpu wrk_cpu split warn=""
  start_nginx "$boxes"
  quiet
  before_cpu=$(cpu_sample)
  out=$(/usr/bin/time -f 'WRKCPU %U %S' wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency "$BASE$PAGE" 2>&1)
  after_cpu=$(cpu_sample)
  wrk_cpu=$(echo "$out" | awk '/^WRKCPU/ { print $2 + $3 }')
  figures=$(echo "$out" | bench_wrk_figures)
  warn=$(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr -s ' ' || true)
  split=$(cpu_split "$before_cpu" "$after_cpu" "$wrk_cpu")
  echo "    read $label boxes=$boxes run=$run: ${figures% *} req/s, p99 ${figures#* } ms ${warn:+($warn) }cores: $split"
  RESULTS+=("read $label $boxes ${figures% *} ${figures#* } $([ -n "$warn" ] && echo 1 || echo 0) 0 $IDLE ${split// /,}")
}

snapshot_share() {  # BOXES: sets SHARE to hits/total of a 3 s parsed run through nginx (not in a subshell: nginx)
  start_nginx "$1"
  SHARE=$(wrk -t2 -c"$CONNECTIONS" -d3s -s "$BENCH_DIR/snapshot_hits.lua" "$BASE$PAGE" | awk '/^SNAPSHOT/ { print $2, $3 }')
}

statement_report() {  # the busiest statements since the last reset, per saved report
  [ "$STATEMENTS" = 1 ] || return 0
  local n=$1
  echo "-- statements per saved report (pg_stat_statements, $n reports; calls/report, mean ms, share of PG time):"
  psql_q -F $'\t' -c "
    SELECT round(calls::numeric / $n, 2), round(mean_exec_time::numeric, 3),
           round((100 * total_exec_time / sum(total_exec_time) OVER ())::numeric, 1), left(regexp_replace(query, '\s+', ' ', 'g'), 110)
    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'solidarity')
    ORDER BY calls DESC LIMIT 14" | awk -F'\t' '{ printf "    %6s  %7s ms  %5s%%  %s\n", $1, $2, $3, $4 }'
  psql_q -c "SELECT pg_stat_statements_reset()" >/dev/null
}

# --- setup --------------------------------------------------------------------------------------------------
echo "== scale-out: one app process vs two on PostgreSQL  $(bench_machine)"
echo "uptime: $(uptime)"
start_postgres
export SOLIDARITY_DATA_DIR=$WORK/box0
(cd "$ROOT" && "$PY" manage.py migrate --noinput -v0)
(cd "$ROOT" && "$PY" manage.py shell -v0 -c \
  "from tests.system.cluster import RUNNING_CAMPAIGN; exec(RUNNING_CAMPAIGN, {'SLUG': '$SLUG'})")
for n in 0 1; do
  SOLIDARITY_DATA_DIR=$WORK/box$n "$PY" "$ROOT/manage.py" collectstatic --noinput -v0
done
unset SOLIDARITY_DATA_DIR
start_boxes
start_nginx 2

# One GET of the form through nginx: CSRF cookie + token and the signed `started` stamp (same secret key on
# both boxes, so either accepts them), and the gazetteer id of the city.
curl -s -c "$WORK/cookies" -o "$WORK/form.html" "$BASE$FORM"
export BENCH_DIR BENCH_CSRF_TOKEN BENCH_STARTED BENCH_CSRF_COOKIE BENCH_PLACE_ID BENCH_ORIGIN=$BASE BENCH_CITY=$CITY
export BENCH_HELD_ON
BENCH_HELD_ON=$(date -u +%F)
BENCH_CSRF_TOKEN=$(sed -n 's/.*name="csrfmiddlewaretoken" value="\([^"]*\)".*/\1/p' "$WORK/form.html" | head -1)
BENCH_STARTED=$(sed -n 's/.*name="started" value="\([^"]*\)".*/\1/p' "$WORK/form.html" | head -1)
BENCH_CSRF_COOKIE=$(awk '$6 == "csrftoken" { print $7 }' "$WORK/cookies")
BENCH_PLACE_ID=$(curl -s "$BASE/places/lookup/?q=$CITY" | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["geonameid"])')
echo "form: token ${BENCH_CSRF_TOKEN:0:8}…, started ${BENCH_STARTED:0:8}…, $CITY -> geonameid $BENCH_PLACE_ID, held_on $BENCH_HELD_ON"
for n in 1 2; do  # one POST by hand to each box (round robin), to fail early and clearly if the form flow changed
  status=$(curl -s -b "$WORK/cookies" -o /dev/null -w '%{http_code} %{redirect_url}' -H "Origin: $BASE" \
    --data-urlencode "csrfmiddlewaretoken=$BENCH_CSRF_TOKEN" --data-urlencode "started=$BENCH_STARTED" \
    --data-urlencode "confirmed_place=$BENCH_PLACE_ID" --data-urlencode "held_on=$BENCH_HELD_ON" \
    --data-urlencode "city=$CITY" --data-urlencode action_type=picket \
    --data-urlencode "public_text=scale-out check $n $(date +%s%N)" "$BASE$FORM")
  case $status in
    "302 "*/report/thanks/) echo "check POST $n: $status" ;;
    *) echo "ERROR: a single POST did not save (got: $status)" >&2; exit 1 ;;
  esac
done
for n in 0 1; do  # the wrk script's own reports are accepted by each box
  out=$(BENCH_ORIGIN=http://127.0.0.1:${BOX_PORTS[$n]} wrk -t1 -c1 -d1s -s "$BENCH_DIR/scale_out_submit.lua" \
    "http://127.0.0.1:${BOX_PORTS[$n]}$FORM" | grep '^RESULT')
  case $out in
    *" other=0 "*) ;;
    *) echo "ERROR: box $n does not accept the wrk script's reports: $out" >&2; exit 1 ;;
  esac
done
[ "$STATEMENTS" = 1 ] && psql_q -c "SELECT pg_stat_statements_reset()" >/dev/null
echo "rows before the runs: $(rows)"

# --- 1. submission surge ------------------------------------------------------------------------------------
echo
echo "-- submission surge: wrk -t2 -c$CONNECTIONS -d${DURATION}s --timeout 60s -s bench/scale_out_submit.lua $BASE$FORM"
echo "   boxes: granian --workers $BOX_WORKERS --blocking-threads $BOX_THREADS each; one and two alternate, $REPEAT times"
rows_at_start=$(rows)
for run in $(seq 1 "$REPEAT"); do
  submit_run base 1 "$run"
  submit_run base 2 "$run"
done
statement_report $(( $(rows) - rows_at_start ))
grep -c Traceback "$WORK"/box*.log | sed 's/^/   tracebacks in /' || true

# Optional CPU profile of one box during one more one-box run (PYSPY=/path/to/py-spy; not counted as a lever).
if [ -n "${PYSPY:-}" ]; then
  echo
  echo "-- profile: $PYSPY record (on-CPU samples, 100 Hz) of box 0's worker during one more one-box run"
  spy_target=$(ps -o pid= --ppid "${BOX_PIDS[0]}" | head -1 | tr -d ' ')
  "$PYSPY" record --nonblocking --rate 100 --format raw -p "${spy_target:-${BOX_PIDS[0]}}" -o "$WORK/profile.txt" \
    >"$WORK/py-spy.out" 2>&1 &
  spy=$!
  BENCH_PIDS+=("$spy")
  sleep 1
  submit_run with_py-spy 1 1
  kill -INT "$spy" 2>/dev/null || true
  wait "$spy" 2>/dev/null || true
  head -c 300 "$WORK/profile.txt"; echo
  "$PY" - "$WORK/profile.txt" <<'PYEOF'
import collections, re, sys
inclusive, own, total = collections.Counter(), collections.Counter(), 0
frame_re = re.compile(r"^(.*) \((.*?)(?::\d+)?\)$")
def name(frame):
    m = frame_re.match(frame)
    if not m:
        return frame
    path = m.group(2)
    for cut in ("site-packages/", "/work/main/", "lib/python3.11/"):
        path = path.split(cut)[-1]
    return f"{m.group(1)} ({path})"
for line in open(sys.argv[1]):
    stack, _, count = line.rstrip("\n").rpartition(" ")
    if not count.isdigit():
        continue
    count = int(count)
    total += count
    frames = [name(f) for f in stack.split(";") if f]
    if not frames:
        continue
    for frame in set(frames):
        inclusive[frame] += count
    own[frames[-1]] += count
print(f"   {total} samples (on CPU). Inclusive share, top 32:")
for frame, n in inclusive.most_common(32):
    print(f"    {100 * n / total:5.1f}%  {frame[:120]}")
print("   Own (leaf) share, top 15:")
for frame, n in own.most_common(15):
    print(f"    {100 * n / total:5.1f}%  {frame[:120]}")
PYEOF
fi

# --- 2. read surge ------------------------------------------------------------------------------------------
if [ "$READS" = 1 ]; then
  echo
  echo "-- read surge: wrk -t2 -c$CONNECTIONS -d${DURATION}s --timeout 10s $BASE$PAGE (snapshots on)"
  for n in 0 1; do
    curl -s -D "$WORK/headers" -o /dev/null "http://127.0.0.1:${BOX_PORTS[$n]}$PAGE"
    echo "   box $n: $(grep -i '^x-snapshot' "$WORK/headers" | tr -d '\r' || echo 'no X-Snapshot header')"
  done
  snapshot_share 1; echo "   snapshot hits under load through nginx (3 s, parsed), one box: $SHARE"
  snapshot_share 2; echo "   snapshot hits under load through nginx (3 s, parsed), two boxes: $SHARE"
  for run in $(seq 1 "$REPEAT"); do
    read_run base 1 "$run"
    read_run base 2 "$run"
  done
fi

# --- 3. levers ----------------------------------------------------------------------------------------------
lever() {  # LABEL: one and two boxes once each with the current BOX_*/NGINX_KEEPALIVE/PostgreSQL settings
  echo "-- lever $1"
  stop_boxes
  start_boxes
  submit_run "$1" 1 1
  submit_run "$1" 2 1
}
if [ "$LEVERS" = 1 ]; then
  echo
  echo "-- levers: the same submission pair, one run each"
  BOX_WORKERS=2; lever granian_workers_2; BOX_WORKERS=1
  BOX_THREADS=2; lever blocking_threads_2; BOX_THREADS=1
  set_sync_commit off; lever pg_synchronous_commit_off; set_sync_commit on
  BOX_SETTINGS=scale_out_no_reuse; lever conn_max_age_0; BOX_SETTINGS=solidarity.settings
  NGINX_KEEPALIVE=1; lever nginx_upstream_keepalive
  if [ "$READS" = 1 ]; then read_run nginx_upstream_keepalive 1 1; read_run nginx_upstream_keepalive 2 1; fi
  NGINX_KEEPALIVE=0
fi

# --- summary ------------------------------------------------------------------------------------------------
echo
echo "== summary (wrk -t2 -c$CONNECTIONS -d${DURATION}s through nginx; PostgreSQL fsync on unless the label says otherwise)"
printf '%-6s %-26s %5s %5s %10s %19s %9s %6s %5s %7s  %s\n' kind config boxes runs median range p99_ms errors lost idle% \
  "cores used (median run): app pg nginx wrk other idle"
declare -A SEEN=()
ORDER=()
for line in "${RESULTS[@]}"; do
  set -- $line
  key="$1 $2 $3"
  [ -n "${SEEN[$key]:-}" ] || ORDER+=("$key")
  SEEN[$key]=1
done
declare -A MED=()
for key in "${ORDER[@]}"; do
  vals=(); p99s=(); errs=0; lost=0; idles=(); splits=()
  for line in "${RESULTS[@]}"; do
    set -- $line
    [ "$1 $2 $3" = "$key" ] || continue
    vals+=("$4"); p99s+=("$5"); errs=$((errs + $6)); lost=$((lost + $7)); idles+=("$8"); splits+=("$4 $9")
  done
  med=$(median "${vals[@]}")
  MED[$key]=$med
  # the CPU split of the run whose figure is closest to the median
  split=$(printf '%s\n' "${splits[@]}" | awk -v m="$med" '{ d = $1 - m; if (d < 0) d = -d; if (NR == 1 || d < best) { best = d; s = $2 } } END { print s }')
  set -- $key
  printf '%-6s %-26s %5s %5s %10.1f %9.1f..%-9.1f %9.1f %6s %5s %7s  %s\n' "$1" "$2" "$3" "${#vals[@]}" "$med" \
    "$(lowest "${vals[@]}")" "$(highest "${vals[@]}")" "$(median "${p99s[@]}")" "$errs" "$lost" \
    "$(lowest "${idles[@]}")" "$(echo "$split" | tr ',' ' ' | sed 's/[a-z]*=//g')"
done
echo "submit: saved/s = 302s / run time; read: req/s. idle% = lowest idle share before the runs. range over runs."
for key in "${ORDER[@]}"; do
  set -- $key
  [ "$3" = 1 ] || continue
  two=${MED["$1 $2 2"]:-}
  [ -n "$two" ] || continue
  awk -v k="$1 $2" -v a="${MED[$key]}" -v b="$two" 'BEGIN { printf "ratio two/one %-34s %.2f\n", k ":", b / a }'
done
base_ratio=$(awk -v a="${MED["submit base 1"]}" -v b="${MED["submit base 2"]}" 'BEGIN { printf "%.2f", b / a }')
awk -v r="$base_ratio" 'BEGIN { print "goal (issue 8): submission surge, two processes >= 1.5x one: " r "x, " (r >= 1.5 ? "MET" : "NOT MET") }'
