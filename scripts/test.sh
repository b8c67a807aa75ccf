#!/usr/bin/env bash
# Runs every check and test of the project on this machine, setting up what is missing first.
# Integration tests use a real Kafka broker and a real PostgreSQL (see tests/setup/global-setup.ts).
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"
bootstrap
ensure_chromium
cd "$repo_root"

say "lint and format check (biome)"
pnpm exec biome check .
say "type check (tsc)"
pnpm typecheck
say "unit and integration tests (vitest)"
pnpm exec vitest run "$@"
