# Sourced by .ci/run: a throwaway PostgreSQL server for the SQL data-source
# tests (tests/data/test_postgres.py).  Installs Debian's postgresql package
# when missing, runs a private cluster as the postgres user on a free local
# port, exports REPORTGEN_TEST_PG_URL, and stops the server on exit.
start_postgres() {
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "ci: installing postgresql"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
            || echo "ci: could not install postgresql"
    fi
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        echo "ci: no PostgreSQL server; the PostgreSQL tests will fail under CI"
        return 0
    fi
    PG_DIR=$(mktemp -d /tmp/reportgen-pg.XXXXXX)
    local as=()
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
        chown postgres "$PG_DIR"
        as=(runuser -u postgres --)
    fi
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
        -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
    PG_CTL=("${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data")
    trap 'stop_postgres' EXIT
    "$bin/psql" -q -h "$PG_DIR" -p "$port" -U postgres -d postgres \
        -c "create role reportgen login password 'ci-only'" -c "create database stats owner reportgen" >/dev/null
    export REPORTGEN_TEST_PG_URL="postgresql://reportgen:ci-only@127.0.0.1:$port/stats"
    echo "ci: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_postgres() {
    [ -n "${PG_DIR:-}" ] || return 0
    "${PG_CTL[@]}" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
