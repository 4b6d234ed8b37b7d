#!/usr/bin/env bash
# Builds the service and starts it on the embedded PostgreSQL with one in-process worker, then opens the dashboard.
#   ./start.sh                      data in ~/.lstm-automl (AUTOML_DATA_DIR to change), port 8080 (QUARKUS_HTTP_PORT)
#   ./start.sh --no-build           start what was built last
#   ./start.sh --worker-db-url      print the --db-url for an external worker on this machine (has the password)
#   ./start.sh --worker [options]   start an external worker on this machine, on the embedded PostgreSQL of a service
#                                   started here (options: java -jar worker/target/worker.jar --help; no build)
#   AUTOML_BIND=0.0.0.0 ./start.sh  listen on every interface (default: 127.0.0.1, this machine only)
# Memory (README, Configuration): AUTOML_HEAP, the Java heap (-Xmx; default 768m, --worker 512m), and AUTOML_OFFHEAP,
# the budget beyond it (read by the service and the worker; default 768m, --worker 512m); the process's RSS limit is
# their sum. JAVA_OPTS comes last, so its options win.
set -euo pipefail
cd "$(dirname "$0")"

data_dir="${AUTOML_DATA_DIR:-$HOME/.lstm-automl}"

# the JDBC URL an external worker on this machine joins the embedded PostgreSQL with (password included)
worker_db_url() {
  local pwfile="$data_dir/db-password"
  [ -r "$pwfile" ] || { echo "no $pwfile: start the service once first" >&2; exit 1; }
  echo "jdbc:postgresql://localhost:${AUTOML_EMBEDDED_PORT:-54329}/postgres?user=postgres&password=$(cat "$pwfile")"
}

# a size as -Xmx takes it (768m, 2g, bytes without a unit), or a message naming the variable and exit status 2
check_size() {
  if [[ ! "$2" =~ ^[0-9]+[kKmMgGtT]?$ ]]; then
    echo "start.sh: $1: expected a size such as 768m or 2g (k, m, g or t; bytes without a unit), got '$2'" >&2
    exit 2
  fi
}

if [ "${1:-}" = "--worker-db-url" ]; then
  worker_db_url
  exit 0
fi

role=service
[ "${1:-}" = "--worker" ] && role=worker
if [ "$role" = worker ]; then heap="${AUTOML_HEAP:-512m}"; else heap="${AUTOML_HEAP:-768m}"; fi
check_size AUTOML_HEAP "$heap"
[ -z "${AUTOML_OFFHEAP:-}" ] || check_size AUTOML_OFFHEAP "$AUTOML_OFFHEAP"

export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

if [ "$role" = worker ]; then
  shift
  url="$(worker_db_url)"
  # a worker only trains: the serial collector has the smallest footprint, and its pauses delay nobody
  exec java -Xmx"$heap" -XX:+UseSerialGC ${JAVA_OPTS:-} -jar worker/target/worker.jar --db-url "$url" "$@"
fi

if [ "${1:-}" != "--no-build" ]; then
  mvn -B -q package -DskipTests
fi

port="${QUARKUS_HTTP_PORT:-8080}"
url="http://localhost:${port}/"
(
  # open the dashboard once the service answers (and give up when it has exited: $$ is the service after the exec)
  for _ in $(seq 1 120); do
    kill -0 "$$" 2>/dev/null || exit 0
    if curl -fsS "http://localhost:${port}/q/health/ready" >/dev/null 2>&1; then
      echo "LSTM AutoML is up: ${url}  (API: ${url}api/experiments, OpenAPI: ${url}q/openapi)"
      echo "First start? Sign in as admin with the password shown above, or, when the output is not a terminal, in"
      echo "${data_dir}/first-start-password (AUTOML_SECURITY_ADMIN_PASSWORD sets it)."
      if command -v xdg-open >/dev/null 2>&1 && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        xdg-open "${url}" >/dev/null 2>&1 || true
      fi
      exit 0
    fi
    sleep 1
  done
) &

# the HTTP server listens on this machine only unless AUTOML_BIND says otherwise (read as automl.bind)
export AUTOML_BIND="${AUTOML_BIND:-127.0.0.1}"
exec java -Xmx"$heap" ${JAVA_OPTS:-} -jar backend/target/quarkus-app/quarkus-run.jar
