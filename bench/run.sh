#!/usr/bin/env bash
# Ponte benchmark, one command:   bench/run.sh [--duration 30] [--concurrency 64] [more options: --help]
#
# Builds target/ponte.jar if it is missing, then runs the harness (bench/Bench.java, JDK only), which hosts the
# sink standing in for the CRM, starts Ponte on a fresh data dir, drives signed webhooks at it and prints the report
# (also written to bench/results/<timestamp>.json). Whatever happens, Ponte gets SIGTERM (it stops its embedded
# PostgreSQL), the harness is stopped and the temporary data dir is deleted.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
if ! command -v "$JAVA" >/dev/null 2>&1; then
  echo "bench/run.sh: no java on the PATH (JDK 17+ needed)" >&2
  exit 1
fi

for arg in "$@"; do
  if [[ "$arg" == "-h" || "$arg" == "--help" ]]; then exec "$JAVA" bench/Bench.java --help; fi
done

if [[ ! -f target/ponte.jar ]]; then
  echo "[bench] target/ponte.jar is missing: building it (./mvnw -q -DskipTests package) …"
  ./mvnw -q -DskipTests package
fi

# routes/ is read at start-up from the working directory: a flow newer than the jar may need code the jar lacks
if [[ -n "$(find src pom.xml routes -newer target/ponte.jar -type f -print -quit 2>/dev/null)" ]]; then
  echo "[bench] note: src/, pom.xml or routes/ changed since target/ponte.jar was built; the benchmark runs the jar" \
       "as it is (rebuild: ./mvnw -q -DskipTests package)"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/ponte-bench.XXXXXX")"
HARNESS_PID=""

alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }

# wait_gone PID SECONDS: poll until the process is gone; 1 if it is still there
wait_gone() {
  local pid="$1" tenths=$(( $2 * 10 ))
  while alive "$pid" && (( tenths-- > 0 )); do sleep 0.1; done
  ! alive "$pid"
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # 1. the harness: SIGTERM runs its shutdown hook, which stops Ponte with SIGTERM and waits for it
  if alive "$HARNESS_PID"; then
    kill -TERM "$HARNESS_PID" 2>/dev/null || true
    wait_gone "$HARNESS_PID" 90 || kill -KILL "$HARNESS_PID" 2>/dev/null || true
  fi
  # 2. Ponte, if it outlived the harness: SIGTERM, wait, then SIGKILL
  if [[ -f "$WORK/ponte.pid" ]]; then
    local ponte; ponte="$(cat "$WORK/ponte.pid")"
    if alive "$ponte"; then
      echo "[bench] stopping Ponte (pid $ponte) with SIGTERM …"
      kill -TERM "$ponte" 2>/dev/null || true
      if ! wait_gone "$ponte" 60; then
        echo "[bench] Ponte still running after 60 s: SIGKILL" >&2
        kill -KILL "$ponte" 2>/dev/null || true
        wait_gone "$ponte" 10 || true
      fi
    fi
  fi
  # 3. a PostgreSQL left behind (Ponte's embedded one after Ponte was killed, or the --durable-postgres one):
  #    fast shutdown (SIGINT), as Ponte itself stops it
  local pm pg
  for pm in "$WORK/data/postgres/postmaster.pid" "$WORK/pgdata/postmaster.pid"; do
    [[ -f "$pm" ]] || continue
    pg="$(head -n 1 "$pm" 2>/dev/null || true)"
    if [[ "$pg" =~ ^[0-9]+$ ]] && alive "$pg" && grep -q postgres "/proc/$pg/comm" 2>/dev/null \
        && ! grep -q '^State:.*Z' "/proc/$pg/status" 2>/dev/null; then
      echo "[bench] stopping PostgreSQL left running (pid $pg) …"
      kill -INT "$pg" 2>/dev/null || true
      wait_gone "$pg" 30 || kill -KILL "$pg" 2>/dev/null || true
    fi
  done
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The harness runs in its own process group (job control on), so a Ctrl-C reaches only this script, which then
# stops everything in order instead of PostgreSQL and Ponte each getting the signal at once.
set -m
"$JAVA" bench/Bench.java --work-dir "$WORK" "$@" &
HARNESS_PID=$!
set +m
status=0
wait "$HARNESS_PID" || status=$?
HARNESS_PID=""
exit "$status"
