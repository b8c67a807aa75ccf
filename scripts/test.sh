#!/usr/bin/env bash
# Runs every check and test of the project on this machine, setting up what is missing first.
# Integration tests use a real Kafka broker and a real PostgreSQL (see tests/setup/global-setup.ts).
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"

# terraform/ is checked with the real binary. init, validate and plan need the Heroku provider (a download)
# and an account, so formatting is what every machine can check. EDM_SKIP_TERRAFORM_FMT=1 opts out.
check_terraform_format() {
  if [ "${EDM_SKIP_TERRAFORM_FMT:-}" = 1 ]; then
    say "Terraform format check skipped (EDM_SKIP_TERRAFORM_FMT=1)"
    return
  fi
  command -v terraform >/dev/null \
    || die "terraform is not on the PATH: install Terraform 1.5+ to check terraform/, or set EDM_SKIP_TERRAFORM_FMT=1 to skip that check."
  say "Terraform format check (terraform fmt)"
  terraform fmt -check -recursive -diff terraform \
    || die "terraform/ is not formatted: run 'terraform fmt -recursive terraform', then run this again."
}

bootstrap
ensure_chromium
cd "$repo_root"

say "lint and format check (biome)"
pnpm exec biome check .
check_terraform_format
say "type check (tsc)"
pnpm typecheck
say "unit and integration tests (vitest)"
pnpm exec vitest run "$@"
