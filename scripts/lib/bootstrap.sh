# Shared set-up for scripts/test.sh and scripts/dev.sh: makes a fresh machine ready.
# Sourced, not run. Needs Node (see .nvmrc); installs everything else the project needs.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pnpm_version="$(node -p "require('$repo_root/package.json').packageManager.split('@')[1]")"

say() { printf '\033[1m[edm]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[edm] %s\033[0m\n' "$*" >&2; exit 1; }

require_node() {
  command -v node >/dev/null || die "Node.js is not installed: install Node 20.19+ (see .nvmrc), then run this again."
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node $(node --version) is too old: this project needs Node 20.19 or newer."
}

ensure_pnpm() {
  if command -v pnpm >/dev/null && [ "$(pnpm --version 2>/dev/null)" = "$pnpm_version" ]; then return; fi
  say "installing pnpm $pnpm_version (pinned in package.json)"
  npm install --global --no-fund --no-audit "pnpm@$pnpm_version" >/dev/null \
    || die "could not install pnpm $pnpm_version with npm; install it yourself (npm i -g pnpm@$pnpm_version)."
}

install_dependencies() {
  say "installing dependencies (pnpm install)"
  (cd "$repo_root" && pnpm install --frozen-lockfile --reporter=silent) \
    || die "pnpm install failed; see the messages above."
}

# The end-to-end tests drive a real Chromium (playwright-core cannot download its own browser here).
ensure_chromium() {
  local browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$browser" ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Chromium for the end-to-end tests (apt-get install chromium)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null \
      || die "could not install Chromium with apt-get; install it, or set CHROMIUM_PATH to a Chromium binary."
  else
    die "Chromium is not installed at $browser: install it (e.g. sudo apt-get install chromium), or set CHROMIUM_PATH."
  fi
}

bootstrap() {
  require_node
  ensure_pnpm
  install_dependencies
  bash "$repo_root/scripts/kafka/kafka.sh" install
}
