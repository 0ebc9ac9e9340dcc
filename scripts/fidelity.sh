#!/usr/bin/env bash
# The Postman fidelity harness over the whole corpus: for each of the 20 collections in
# ../shared/corpus/postman, newman (Postman's runtime, pinned in scripts/newman/, installed by
# `npm ci` into target/newman) and the generated client's example calls send every request to
# one recorder on 127.0.0.1; the requests are compared one by one (tests/tests/fidelity.rs).
# Prints the per-collection table and every difference that is not on the reviewed list, and
# rewrites the fidelity section of docs/corpus.md (between its fidelity markers).
#
#   scripts/fidelity.sh            # corpus (and specs/, as in the test suite)
#
# Needs Node.js and npm (the npm registry, the first time), the corpus beside the repository,
# and the crates in cargo's cache (the nested builds are --offline).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [[ ! -d "$root/../shared/corpus/postman" ]]; then
    echo "fidelity: ../shared/corpus/postman is absent; nothing to compare" >&2
    exit 1
fi
export CARGO_TERM_COLOR=never
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

status=0
COURIER_FIDELITY_CORPUS=1 COURIER_FIDELITY_REPORT="$work/fidelity.md" \
    cargo test --offline -p courier-tests --test fidelity -- --nocapture --test-threads 1 \
    || status=$?
if [[ ! -f "$work/fidelity.md" ]]; then
    echo "fidelity: the harness wrote no figures" >&2
    exit 1
fi
scripts/splice-fidelity.py docs/corpus.md "$work/fidelity.md" \
    "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "updated the fidelity section of docs/corpus.md"
exit "$status"
