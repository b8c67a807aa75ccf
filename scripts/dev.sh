#!/usr/bin/env bash
# Runs the whole system on this machine: Kafka, PostgreSQL and the five apps. Ctrl-C stops it all.
# `npm start -- --built` runs the apps' production builds instead of their TypeScript (scripts/dev/main.ts).
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"
bootstrap
cd "$repo_root"
exec node --import tsx scripts/dev/main.ts "$@"
