#!/bin/sh
# Load test of the inbox at scale with wrk: starts the application against the workspace database
# (WorkspaceLatencyBenchmark --serve, signed in as a sales rep), then runs wrk for a fixed time against
# the inbox view and against /actuator/health (a trivial endpoint of the same application), one after the
# other, and prints requests/s and p99 of both and the ratio. Stops the application it started.
#
# Usage (from the project directory, after the commands in docs/benchmarks.md, "Workspace at scale"):
#   src/test/benchmark/workspace-load.sh [duration, default 30s] [connections, default 8] [threads, default 2]
# Environment: PG_URL (jdbc:postgresql://127.0.0.1:5432/opportune_bench1m), PORT (18080),
#              INBOX_PATH (/inbox?view=open)
set -eu
DURATION=${1:-30s}
CONNECTIONS=${2:-8}
THREADS=${3:-2}
PG_URL=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/opportune_bench1m}
PORT=${PORT:-18080}
INBOX_PATH=${INBOX_PATH:-/inbox?view=open}
OUT=target/bench
mkdir -p "$OUT"
rm -f "$OUT/cookie.txt"

java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" org.opportune.benchmark.WorkspaceLatencyBenchmark \
    --serve 900 --port "$PORT" --pg-url "$PG_URL" --cookie-file "$OUT/cookie.txt" > "$OUT/serve.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT INT TERM

i=0
while [ ! -s "$OUT/cookie.txt" ]; do
    i=$((i + 1))
    if [ $i -gt 600 ] || ! kill -0 $APP 2>/dev/null; then
        echo "the application did not start; see $OUT/serve.log" >&2
        exit 1
    fi
    sleep 1
done
COOKIE=$(cat "$OUT/cookie.txt")
BASE="http://127.0.0.1:$PORT"

# warm-up, so that both runs see a warm JIT and connection pool
wrk -t "$THREADS" -c "$CONNECTIONS" -d 10s -H "$COOKIE" "$BASE$INBOX_PATH" > /dev/null
wrk -t "$THREADS" -c "$CONNECTIONS" -d 5s -H "$COOKIE" "$BASE/actuator/health" > /dev/null

echo "load before: $(uptime)"
wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency -H "$COOKIE" "$BASE$INBOX_PATH" | tee "$OUT/wrk-inbox.txt"
echo "load between: $(uptime)"
wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency -H "$COOKIE" "$BASE/actuator/health" | tee "$OUT/wrk-health.txt"
echo "load after: $(uptime)"

# every response must have been the page itself, not a redirect to the sign-in page or an error
for f in "$OUT/wrk-inbox.txt" "$OUT/wrk-health.txt"; do
    if grep -q "Non-2xx" "$f"; then
        echo "non-2xx answers in $f" >&2
        exit 1
    fi
done

rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1 == "99%" {print $2}' "$1"; }
INBOX_RPS=$(rps "$OUT/wrk-inbox.txt")
HEALTH_RPS=$(rps "$OUT/wrk-health.txt")
echo
echo "| endpoint | requests/s | p99 |"
echo "|---|---|---|"
echo "| $INBOX_PATH | $INBOX_RPS | $(p99 "$OUT/wrk-inbox.txt") |"
echo "| /actuator/health | $HEALTH_RPS | $(p99 "$OUT/wrk-health.txt") |"
echo "inbox / trivial = $(awk -v a="$INBOX_RPS" -v b="$HEALTH_RPS" 'BEGIN {printf "%.3f", a / b}')"
