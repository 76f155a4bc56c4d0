#!/usr/bin/env bash
# Runs every Paperwire test. On a fresh Debian machine with the .NET SDK it first installs what the
# tests need (Debian packages, as root), then starts a throwaway PostgreSQL cluster on a free loopback
# port, runs `dotnet test`, and removes the cluster again. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

# haproxy: the cluster test puts it in front of several `paperwire serve` processes (docs/operations.md).
# texlive-binaries (bibtex), texlive-base (plain.bst) and biber: the citation tests run the BibTeX export through them.
# systemd: its systemd-analyze checks deploy/paperwire.service (docs/deploy.md); nothing is started under it.
# poppler-utils: pdftoppm draws the thumbnail tests' PDFs (docs/thumbnails.md).
packages=(postgresql chromium python3 python3-feedparser python3-aiosmtpd fonts-dejavu-core haproxy texlive-binaries texlive-base biber systemd poppler-utils)
# npm for axe-core (below); Debian's when the machine has no Node.js of its own.
command -v npm >/dev/null 2>&1 || packages+=(npm)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "test.sh: missing Debian packages ${missing[*]}; run as root to install them" >&2
  fi
fi

cleanups=()
cleanup() { for step in "${cleanups[@]}"; do eval "$step"; done; }
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# A throwaway PostgreSQL cluster. initdb refuses to run as root, so the cluster belongs to 'postgres'.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$pg_bin" ]; then
  pg_dir=$(mktemp -d /tmp/paperwire-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$pg_dir"
  pg_port=$(free_port)
  cleanups+=("as_postgres '$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop >/dev/null 2>&1 || true" "rm -rf '$pg_dir'")
  as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  export PAPERWIRE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  echo "test.sh: PostgreSQL on 127.0.0.1:$pg_port"
else
  echo "test.sh: PostgreSQL is not installed; PostgreSQL tests will skip locally and fail in CI" >&2
fi

# A real SMTP server for the digest tests: aiosmtpd (Debian's, so Debian's python3) delivering into a Maildir.
# Tests send to their own unique addresses and read only those messages from MAILDIR/new.
if /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  smtp_dir=$(mktemp -d /tmp/paperwire-smtp.XXXXXX)
  smtp_port=$(free_port)
  /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$smtp_port" -c aiosmtpd.handlers.Mailbox "$smtp_dir/maildir" >"$smtp_dir/server.log" 2>&1 &
  smtp_pid=$!
  cleanups+=("kill $smtp_pid 2>/dev/null || true" "rm -rf '$smtp_dir'")
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && break; sleep 0.1; done
  export PAPERWIRE_TEST_SMTP="127.0.0.1:$smtp_port" PAPERWIRE_TEST_MAILDIR="$smtp_dir/maildir"
  echo "test.sh: SMTP (aiosmtpd) on 127.0.0.1:$smtp_port"
else
  echo "test.sh: python3-aiosmtpd is not installed; SMTP tests will skip locally and fail in CI" >&2
fi

# axe-core for the browser tests' accessibility sweep, at the version package-lock.json pins. Without it those
# tests fail in CI and skip loudly elsewhere (RequiredComponent), so here too CI stops and a developer is warned.
echo "test.sh: npm ci in tests/Paperwire.E2E (axe-core)"
if ! (cd tests/Paperwire.E2E && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
  if [ "${CI:-}" = true ]; then
    echo "test.sh: npm ci failed; the accessibility tests need axe-core" >&2
    exit 1
  fi
  echo "test.sh: npm ci failed; the accessibility tests will skip" >&2
fi

echo "test.sh: building (about 2 minutes on 2 cores; longer the first time, when NuGet packages are restored)"
dotnet tool restore >/dev/null
dotnet build Paperwire.slnx -nologo -clp:ErrorsOnly
# Hundreds of test apps would each hold an inotify instance to watch appsettings.json (the default user
# limit is 128, shared with everything else on the machine); tests never edit configuration files.
export DOTNET_USE_POLLING_FILE_WATCHER=true
export DOTNET_hostBuilder__reloadConfigOnChange=false
# One test project at a time (-m:1): the browser tests share two cores with hundreds of test apps
# otherwise, and a page load then outwaits Playwright's 30 s timeout.
# dotnet test prints a project's results only when it ends, so a line a minute says the run is alive.
echo "test.sh: testing: browser tests (about 2 minutes), then about 1,000 unit and integration tests on SQLite and"
echo "         PostgreSQL (about 10 minutes on 2 cores); a line every minute until each project reports"
started=$SECONDS
( while sleep 60; do echo "test.sh: tests running for $(( (SECONDS - started) / 60 )) min"; done ) &
ticker=$!
cleanups+=("kill $ticker 2>/dev/null || true")
dotnet test Paperwire.slnx --no-build -nologo -m:1 "$@"
kill "$ticker" 2>/dev/null || true
echo "test.sh: tests passed in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s; checking formatting"
# House style: the formatter must have nothing to change (STYLE.md).
dotnet format Paperwire.slnx --verify-no-changes --no-restore
