#!/usr/bin/env bash
# Runs courier's libFuzzer targets for a fixed time (not part of CI).
#
#   scripts/fuzz.sh [SECONDS] [TARGET]     default: 300 seconds, target `pipeline`
#
# Installs cargo-fuzz when missing. cargo-fuzz needs nightly compiler flags; on a stable
# toolchain RUSTC_BOOTSTRAP=1 unlocks them. The corpus starts from specs/ (Postman collections
# and OpenAPI documents) and grows in
# fuzz/corpus/TARGET; crashes land in fuzz/artifacts/TARGET (minimize one with
# `cargo fuzz tmin TARGET fuzz/artifacts/TARGET/crash-…`).
set -euo pipefail

seconds="${1:-300}"
target="${2:-pipeline}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/fuzz"

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
if ! rustc --version | grep -q nightly; then
    export RUSTC_BOOTSTRAP=1
fi

corpus="corpus/$target"
mkdir -p "$corpus"
cp "$root"/specs/*.json "$root"/specs/*.yaml "$corpus"/
# One dictionary: Postman and OpenAPI tokens.
dict="$(mktemp)"
trap 'rm -f "$dict"' EXIT
cat "$root/fuzz/postman.dict" "$root/fuzz/openapi.dict" >"$dict"

# -max_len: collections are text; 64 KiB leaves room for deep structures while staying fast.
cargo fuzz run "$target" "$corpus" -- \
    -max_total_time="$seconds" \
    -max_len=65536 \
    -timeout=10 \
    -rss_limit_mb=4096 \
    -dict="$dict" \
    -print_final_stats=1
