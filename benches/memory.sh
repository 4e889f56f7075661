#!/usr/bin/env bash
# Peak memory of every command in every format on a generated dataset of about 1,000,000
# duties (100,000 agencies, about 390 MB), against the target: at most twice the file's size
# plus 64 MB. Prints one line per run; exits 1 if any run is over.
#
#   bash benches/memory.sh                   # 100,000 agencies
#   AGENCIES=10000 bash benches/memory.sh    # a tenth of that, quicker
set -euo pipefail
cd "$(dirname "$0")/.."
AGENCIES=${AGENCIES:-100000}
cargo build --release --quiet
NCSTB=target/release/ncstb
BIG=target/bench/big-$AGENCIES.json
DIR=target/bench
mkdir -p "$DIR"
if [ ! -s "$BIG" ]; then
    cargo run --release --quiet --example gen-dataset -- --agencies "$AGENCIES" > "$BIG.tmp" && mv "$BIG.tmp" "$BIG"
fi
size_kb=$(( $(stat -c %s "$BIG") / 1024 ))
limit_kb=$(( 2 * size_kb + 64 * 1024 ))
echo "dataset: $BIG ($(( size_kb / 1024 )) MB, $($NCSTB validate "$BIG" | sed 's/.*ok: //')); limit $(( limit_kb / 1024 )) MB"
failed=0
# measure ARGS...: one run of ncstb ARGS (with --data unless ARGS is validate).
measure() {
    local data=(--data "$BIG") out
    [ "$1" = validate ] && data=()
    /usr/bin/time -f '%M %e' -o "$DIR/time" "$NCSTB" "${data[@]}" "$@" > /dev/null 2>&1 || true
    out=$(tail -1 "$DIR/time")
    local kb=${out% *} seconds=${out#* }
    local verdict=ok
    if (( kb > limit_kb )); then verdict=OVER; failed=1; fi
    printf '  %-62s %7d MB  %6.2f s  %5.2fx file  %s\n' "$*" $(( kb / 1024 )) "$seconds" \
        "$(awk -v a="$kb" -v b="$size_kb" 'BEGIN { print a / b }')" "$verdict"
}
for format in table plain json ndjson csv tsv; do
    measure list --format "$format"
done
measure list --long --format table
first=$("$NCSTB" --data "$BIG" contact --fields agency --format plain | head -1)
measure show "$first:1-10" --format table
measure search talent --limit 1000000 --format table
measure search talent --limit 1000000 --format json
measure search 'science and technology talent' --format csv
measure search 'science and technology talent' --limit 1000000 --format csv
measure contact --format table
measure contact --format vcard
measure validate "$BIG"
exit $failed
