#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (FUZZ_SECONDS each, 6 by default: about a minute in all) from the
# corpus kept in fuzz/corpus/<target>, which it reads and never writes: what a run finds new goes to
# target/fuzz-corpus/<target>, and a crash stops the run with the input that caused it (fuzz/artifacts/).
# `cargo fuzz` runs libFuzzer without a sanitizer here, so it builds with the stable toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-6}
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
cargo fuzz build --sanitizer none
for target in $(cargo fuzz list); do
    found="target/fuzz-corpus/$target"
    mkdir -p "$found"
    echo "== fuzz $target for ${seconds} s"
    log="target/fuzz-$target.log"
    status=0
    cargo fuzz run --sanitizer none "$target" "$found" "fuzz/corpus/$target" -- \
        -max_total_time="$seconds" -max_len=4096 -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
        >"$log" 2>&1 || status=$?
    grep -E '^Done|stat::number_of_executed_units|stat::new_units_added' "$log" || true
    if [ "$status" -ne 0 ]; then
        grep -E -A20 'panicked|ERROR|SUMMARY' "$log" | head -n 60
        echo "fuzz target $target failed"
        exit "$status"
    fi
done
