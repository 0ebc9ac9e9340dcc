#!/usr/bin/env bash
# Regenerates docs/corpus.md: the corpus proofs' figures (tests/tests/corpus.rs for the Postman
# collections, tests/tests/openapi_corpus.rs for the OpenAPI descriptions) plus the
# release-mode timings of the full Zoom collection.
#
#   scripts/corpus-report.sh
#
# With COURIER_FIGURES_POSTMAN and COURIER_FIGURES_OPENAPI naming the figures files a test run
# of the same commit wrote (COURIER_CORPUS_REPORT / COURIER_OPENAPI_CORPUS_REPORT), the corpus
# tests are not run again.
#
# Needs the third-party corpus in ../shared/corpus (it is never copied into this repository)
# and the dependencies in cargo's cache (every cargo call here is --offline). Takes a few
# minutes the first time (it builds every corpus crate into target/corpus), less afterwards.
# docs/corpus.md is written even when the corpus test fails; the script then exits non-zero.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
corpus="$root/../shared/corpus/postman"
zoom="$corpus/zoom-api.postman.json"
if [[ ! -f "$zoom" ]]; then
    echo "corpus-report: $corpus is absent (or has no zoom-api.postman.json); nothing to measure" >&2
    exit 1
fi
export CARGO_TERM_COLOR=never
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

status=0
if [[ -n "${COURIER_FIGURES_POSTMAN:-}" && -n "${COURIER_FIGURES_OPENAPI:-}" ]]; then
    # Figures a run of the same commit already wrote (e.g. a CI run with
    # COURIER_CORPUS_REPORT and COURIER_OPENAPI_CORPUS_REPORT set): not measured again.
    echo "== the corpus figures from $COURIER_FIGURES_POSTMAN and $COURIER_FIGURES_OPENAPI"
    cp "$COURIER_FIGURES_POSTMAN" "$work/figures.md"
    cp "$COURIER_FIGURES_OPENAPI" "$work/openapi-figures.md"
else
    echo "== the corpus test (every collection: generate, build with -D warnings, round-trip examples)"
    COURIER_CORPUS_REPORT="$work/figures.md" \
        cargo test --offline -p courier-tests --test corpus -- --nocapture \
        || status=$?
    if [[ ! -f "$work/figures.md" ]]; then
        echo "corpus-report: the corpus test wrote no figures" >&2
        exit 1
    fi

    echo "== the OpenAPI corpus test (every description: generate, build, clippy, round-trip examples)"
    COURIER_OPENAPI_CORPUS_REPORT="$work/openapi-figures.md" \
        cargo test --offline -p courier-tests --test openapi_corpus -- --nocapture \
        || status=$?
    if [[ ! -f "$work/openapi-figures.md" ]]; then
        echo "corpus-report: the OpenAPI corpus test wrote no figures" >&2
        exit 1
    fi
fi

echo "== release-mode generation of the full Zoom collection (5 runs)"
cargo build --offline --release -q -p courier
runs=()
for _ in 1 2 3 4 5; do
    rm -rf "$work/zoom"
    start=$(date +%s%N)
    target/release/courier generate "$zoom" -o "$work/zoom" >/dev/null
    end=$(date +%s%N)
    runs+=("$(( (end - start) / 1000000 ))")
done
median=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p)
echo "runs (ms): ${runs[*]}; median ${median} ms"

echo "== cargo check of the Zoom crate alone, dependencies already built"
# The same target folder, flags and lock file as the corpus test, so the dependencies are warm.
# The warm-up crate has another name: cargo would otherwise reuse its artifacts for the timed
# crate (a path package's hash is relative to its workspace root). No incremental cache, so
# both timed checks check the whole crate.
check() {
    CARGO_TARGET_DIR="$root/target/corpus" RUSTFLAGS="-D warnings" CARGO_INCREMENTAL=0 \
        cargo check --offline -q --manifest-path "$1/Cargo.toml"
}
seconds() {
    local start end
    start=$(date +%s%N)
    check "$1" >&2
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000000 ))" | awk '{ printf "%.1f", $1 / 1000 }'
}
target/release/courier generate "$zoom" -o "$work/warm" --crate-name courier-corpus-warm-up >/dev/null
cp Cargo.lock "$work/warm/" && check "$work/warm"   # builds anything the test left cold
target/release/courier generate "$zoom" -o "$work/timed" >/dev/null
cp Cargo.lock "$work/timed/"
first=$(seconds "$work/timed")
touch "$work/timed/src/lib.rs"
touched=$(seconds "$work/timed")
echo "first check ${first} s; after touching src/lib.rs ${touched} s"

requests=$(python3 -c 'import json,sys
def walk(items): return sum(walk(i["item"]) if "item" in i else 1 for i in items)
print(walk(json.load(open(sys.argv[1]))["item"]))' "$zoom" 2>/dev/null || echo "?")
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$([[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]] && echo " plus uncommitted changes" || true)

{
    cat <<EOF
# Corpus results

Measured $(date -u +%Y-%m-%d) on commit \`${commit}\`${dirty}, $(rustc --version), $(nproc) cores,
by \`scripts/corpus-report.sh\`. The inputs are the 20 third-party Postman collections in
\`../shared/corpus/postman\` and the 39 OpenAPI descriptions in \`../shared/corpus/openapi\` (see
its \`MANIFEST.md\`); they are read from there and never copied into this repository, and
nothing generated from them is committed.

## What is checked

\`tests/tests/corpus.rs\` (part of \`cargo test --workspace\`; skipped with a message when the
corpus is absent) generates a crate from every collection into a temporary workspace, writes a
\`tests/examples.rs\` into each, and builds them all with \`RUSTFLAGS=-D warnings\` into the
shared \`target/corpus\`. Each examples test embeds every saved response with a JSON body,
deserializes it into the generated type for its status (\`courier::emit::response_body_types\`),
serializes it back and compares the two JSON values: numbers numerically, object keys as sets,
a key whose original value is \`null\` may be absent; anything else must be equal. clippy
\`-D warnings\` runs on the Zoom crate. The test fails when a collection does not generate, a
crate does not compile, an example does not round-trip, or fewer than 99% of the requests
become operations.

Columns: *requests* = items without \`item\` in the collection; *operations* = operations
emitted; *typed bodies* / *\`Value\` bodies* = JSON request bodies, form bodies and JSON response
bodies with a generated type vs typed \`serde_json::Value\`; *JSON examples* = saved responses
whose body is a JSON object or array; *round-trip* = those that pass the comparison above;
*generate (debug)* = \`Builder::generate\` in the test's unoptimised build.

## Postman collections

EOF
    cat "$work/figures.md"
    cat <<EOF

## OpenAPI descriptions

\`tests/tests/openapi_corpus.rs\` does the same for the 39 Swagger 2.0 / OpenAPI 3.0, 3.1 and
3.2 files (JSON and YAML) in \`../shared/corpus/openapi\`, crates named after their files.
Each JSON example (a schema's own \`example\`/\`examples\`, and those of request and response
media types and parameters) is first checked against its own schema (\`tests/tests/corpus/schema_check.rs\`): an example that contradicts
it (a required property missing, a string where the schema says integer, a JSON document
written as a string) is listed and not round-tripped; the others must round-trip, compared
without the properties the schema does not declare (a generated struct keeps what the schema
declares). clippy \`-D warnings\` runs on the GitHub, Stripe, Zoom and nexus crates.

EOF
    cat "$work/openapi-figures.md"
    cat <<EOF

## Release-mode timings (full Zoom collection, ${requests} requests)

- \`target/release/courier generate zoom-api.postman.json -o DIR\` (whole process, files
  written): median **${median} ms** of 5 runs (${runs[*]} ms).
- \`cargo check\` of the generated Zoom crate alone with its dependencies already built
  (\`RUSTFLAGS=-D warnings\`, no incremental cache): **${first} s** for a freshly generated
  crate, ${touched} s again after touching \`src/lib.rs\`.

## How to rerun

\`\`\`sh
scripts/corpus-report.sh            # rewrites docs/corpus.md
cargo test -p courier-tests --test corpus -- --nocapture           # Postman, table on stdout
cargo test -p courier-tests --test openapi_corpus -- --nocapture   # OpenAPI, table on stdout
\`\`\`
EOF
} >docs/corpus.md
echo "wrote docs/corpus.md"
exit "$status"
