# Shared set-up for scripts/test.sh and scripts/dev.sh: makes a fresh machine ready.
# Sourced, not run. Needs a Node with npm (any version) and Java; installs everything else the project needs,
# Node 24 included.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pnpm_version="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$repo_root/package.json")"

say() { printf '\033[1m[edm]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[edm] %s\033[0m\n' "$*" >&2; exit 1; }

# The Node release the project is tested on. package.json's engines ("24.x"), .nvmrc and the Dockerfile name
# its major; this is the one place that names the exact release.
node_version=24.22.3
node_major="${node_version%%.*}"
node_home="${XDG_CACHE_HOME:-$HOME/.cache}/edm/node-$node_version"

# A machine whose node is another major gets Node $node_version from the npm registry (the node-<os>-<cpu>
# package ships the official binary) in a cache, first on PATH: pnpm, vitest, the apps and every child
# process spawned with process.execPath then run on it.
ensure_node() {
  if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" != "$node_major" ]; then
    [ -x "$node_home/bin/node" ] || download_node
    export PATH="$node_home/bin:$PATH"
  fi
  say "using Node $(node --version) ($(command -v node))"
}

download_node() {
  command -v npm >/dev/null \
    || die "Node $node_major is not installed, and without npm it cannot be fetched: install Node $node_major (see .nvmrc)."
  local os cpu work
  os="$(uname -s | tr '[:upper:]' '[:lower:]')"
  case "$(uname -m)" in x86_64) cpu=x64 ;; aarch64 | arm64) cpu=arm64 ;; *) cpu="$(uname -m)" ;; esac
  say "this machine's node is $(node --version 2>/dev/null || echo missing): fetching Node $node_version (npm package node-$os-$cpu) into $node_home"
  mkdir -p "$(dirname "$node_home")"
  work="$(mktemp -d "$(dirname "$node_home")/.node-download-XXXXXX")"
  # npm checks the tarball against the registry's integrity hash; the rename makes a half install impossible.
  { (cd "$work" && npm pack --silent "node-$os-$cpu@$node_version" >/dev/null) \
    && tar -xzf "$work"/node-*.tgz -C "$work" \
    && "$work/package/bin/node" --version >/dev/null \
    && { mv "$work/package" "$node_home" 2>/dev/null || [ -x "$node_home/bin/node" ]; }; } \
    || { rm -rf "$work"; die "could not fetch Node $node_version from the npm registry; install Node $node_major yourself (see .nvmrc), then run this again."; }
  rm -rf "$work"
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
  ensure_node
  ensure_pnpm
  install_dependencies
  bash "$repo_root/scripts/kafka/kafka.sh" install
}
