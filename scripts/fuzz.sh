#!/usr/bin/env bash
# Coverage-guided fuzzing of the validators and both imports (issue 10), with cargo-fuzz
# (libFuzzer). Not part of the test suite: run it by hand, or in a long CI job.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET…]     (default: 600 s, every target)
#
# cargo-fuzz passes unstable (-Z) flags to rustc. This machine has only the stable toolchain,
# so RUSTC_BOOTSTRAP=1 lets stable rustc accept them (fuzzing only; the product is built with
# plain stable). No sanitizer: the code is safe Rust (`unsafe_code = "forbid"`); a panic, an
# overflow check or a timeout is what the fuzzer looks for.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT/fuzz"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export RUSTC_BOOTSTRAP=1

SECONDS_PER_TARGET="${1:-600}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(validators case_csv france_competences)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked

for target in "${TARGETS[@]}"; do
  corpus="corpus/$target"
  mkdir -p "$corpus"
  cp -n seeds/"$target"/* "$corpus"/ 2>/dev/null || true
  echo "== $target: ${SECONDS_PER_TARGET} s"
  cargo fuzz run --sanitizer none --debug-assertions "$target" "$corpus" -- \
    -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 -rss_limit_mb=4096 -timeout=10 \
    -print_final_stats=1
done
