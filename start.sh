#!/usr/bin/env bash
# Builds the service and starts it on the embedded PostgreSQL with one in-process worker, then opens the dashboard.
#   ./start.sh                      data in ~/.lstm-automl (AUTOML_DATA_DIR to change), port 8080 (QUARKUS_HTTP_PORT)
#   ./start.sh --no-build           start what was built last
#   ./start.sh --worker-db-url      print the --db-url for an external worker on this machine (has the password)
#   AUTOML_BIND=0.0.0.0 ./start.sh  listen on every interface (default: 127.0.0.1, this machine only)
set -euo pipefail
cd "$(dirname "$0")"

if [ "${1:-}" = "--worker-db-url" ]; then
  # the JDBC URL an external worker on this machine joins the embedded PostgreSQL with (password included)
  pwfile="${AUTOML_DATA_DIR:-$HOME/.lstm-automl}/db-password"
  [ -r "$pwfile" ] || { echo "no $pwfile: start the service once first" >&2; exit 1; }
  echo "jdbc:postgresql://localhost:${AUTOML_EMBEDDED_PORT:-54329}/postgres?user=postgres&password=$(cat "$pwfile")"
  exit 0
fi

if [ "${1:-}" != "--no-build" ]; then
  mvn -B -q package -DskipTests
fi

port="${QUARKUS_HTTP_PORT:-8080}"
url="http://localhost:${port}/"
(
  # open the dashboard once the service answers
  for _ in $(seq 1 120); do
    if curl -fsS "http://localhost:${port}/q/health/ready" >/dev/null 2>&1; then
      echo "LSTM AutoML is up: ${url}  (API: ${url}api/experiments, OpenAPI: ${url}q/openapi)"
      echo "First start? Sign in as admin with the password shown above, or, when the output is not a terminal, in"
      echo "${AUTOML_DATA_DIR:-$HOME/.lstm-automl}/first-start-password (AUTOML_SECURITY_ADMIN_PASSWORD sets it)."
      if command -v xdg-open >/dev/null 2>&1 && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        xdg-open "${url}" >/dev/null 2>&1 || true
      fi
      exit 0
    fi
    sleep 1
  done
) &

export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# the HTTP server listens on this machine only unless AUTOML_BIND says otherwise (read as automl.bind)
export AUTOML_BIND="${AUTOML_BIND:-127.0.0.1}"
exec java ${JAVA_OPTS:-} -jar backend/target/quarkus-app/quarkus-run.jar
