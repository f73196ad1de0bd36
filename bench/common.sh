# Shared helpers for the bench/*.sh scripts (sourced, not run).
#
# Every server a script starts is recorded in BENCH_PIDS and killed by bench_cleanup (installed as an EXIT
# trap), so an interrupted benchmark leaves nothing listening. Only 127.0.0.1 is ever targeted.

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
PY="$ROOT/.venv/bin/python"
GRANIAN="$ROOT/.venv/bin/granian"
SLUG=remember-to-fight-2023
BENCH_PIDS=()

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  BENCH_PIDS=()
}

# A fresh data dir with the demo loaded, exactly as `make run` prepares one (DATABASE_URL, if exported, wins).
bench_prepare_data() {
  local dir=$1
  rm -rf "$dir"
  mkdir -p "$dir"
  export SOLIDARITY_DATA_DIR=$dir
  (cd "$ROOT" && "$PY" manage.py migrate --noinput -v0 && "$PY" manage.py collectstatic --noinput -v0 \
    && "$PY" manage.py demo >/dev/null)
}

# Wait until something answers HTTP on 127.0.0.1:$1 (at most ~30 s).
bench_wait_http() {
  local port=$1 path=${2:-/} i
  for i in $(seq 1 150); do
    if curl -s -o /dev/null "http://127.0.0.1:$port$path"; then return 0; fi
    sleep 0.2
  done
  echo "nothing answered on 127.0.0.1:$port" >&2
  return 1
}

# Start granian as `make run` does; WORKERS and THREADS vary only for the sweeps, any further arguments are
# passed to granian as they are. Sets GRANIAN_PID.
bench_start_granian() {
  local port=$1 workers=${2:-2} threads=${3:-1} log=${4:-/dev/null}
  shift 4 || shift $#
  (cd "$ROOT" && exec "$GRANIAN" --interface wsgi solidarity.wsgi:application --host 127.0.0.1 --port "$port" \
    --workers "$workers" --blocking-threads "$threads" --no-ws "$@" >"$log" 2>&1) &
  GRANIAN_PID=$!
  BENCH_PIDS+=("$GRANIAN_PID")
  bench_wait_http "$port" /healthz
}

bench_stop() {
  local pid=$1 kept=() p
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for p in "${BENCH_PIDS[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  BENCH_PIDS=("${kept[@]+"${kept[@]}"}")
}

bench_report_count() {
  (cd "$ROOT" && "$PY" manage.py shell -v0 -c \
    "from solidarity.reports.models import Report; print(Report.objects.count())")
}

# Highest report id now (0 if none): rows after it are the ones a run created.
bench_report_max_id() {
  (cd "$ROOT" && "$PY" manage.py shell -v0 -c \
    "from solidarity.reports.models import Report; print(Report.objects.order_by('-id').values_list('id', flat=True).first() or 0)")
}

# Reports with id > $1: "COUNT LAST_CREATED_EPOCH" (when the server stored the last of them).
bench_reports_since() {
  (cd "$ROOT" && "$PY" manage.py shell -v0 -c "
from django.db.models import Count, Max
from solidarity.reports.models import Report
r = Report.objects.filter(id__gt=$1).aggregate(n=Count('id'), last=Max('created_at'))
print(r['n'], r['last'].timestamp() if r['last'] else 0)")
}

# Pull "Requests/sec" and the 99% latency (in ms) out of `wrk --latency` output on stdin: prints "RPS P99MS".
bench_wrk_figures() {
  awk '
    /Requests\/sec:/ { rps = $2 }
    $1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
                  ms = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v }
    END { printf "%s %.2f\n", rps, ms }'
}

bench_machine() {
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  cores: $(nproc)  $("$PY" -V)  granian $("$GRANIAN" --version | awk '{print $2}')" \
    " $(nginx -v 2>&1 | sed 's/.*: //')  wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
}

# Share of CPU idle over one second, from /proc/stat. The box has 2 cores; anything else running (a test suite,
# a browser) skews every figure, so the scripts print this before each timed run.
bench_idle_pct() {
  local a b
  a=($(head -1 /proc/stat)); sleep 1; b=($(head -1 /proc/stat))
  local total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  echo $(( 100 * (b[4] - a[4]) / (total > 0 ? total : 1) ))
}

# Wait (up to 30 s) for the CPU to settle, e.g. a fresh worker still loading the gazetteer, then say how idle it is.
bench_quiet_check() {
  local idle i
  for i in $(seq 1 30); do
    idle=$(bench_idle_pct)
    [ "$idle" -ge 90 ] && break
  done
  if [ "$idle" -lt 90 ]; then
    echo "NOTE: machine only ${idle}% idle before this run (other processes are using the CPU); figures are skewed"
  else
    echo "machine ${idle}% idle before this run"
  fi
}
