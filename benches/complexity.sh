#!/usr/bin/env bash
# Hostile inputs at size n and 4n: each case's time ratio should be about 4 (linear) and must
# stay at most 5 (near-linear). Prints one line per case; exits 1 if any ratio is above 5.
#
#   bash benches/complexity.sh            # build release, generate, measure
#   SCALE=2 bash benches/complexity.sh    # twice the sizes
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
NCSTB=$PWD/target/release/ncstb
DIR=target/complexity
mkdir -p "$DIR"
SCALE=${SCALE:-1}

# gen NAME N: writes $DIR/NAME-N.json, a dataset made hostile in the way NAME says.
gen() {
    python3 - "$1" "$2" "$DIR/$1-$2.json" <<'PY'
import json, sys
name, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def one(text, **agency):
    return {"schema_version": 1, "agencies": [dict({"id": "a", "name": "A", "functions": [{"number": 1, "text": text}]}, **agency)]}
if name == "parens":        data = one("talent " + "(" * n + ")")
elif name == "long-word":   data = one("a" * n)
elif name == "chinese":     data = one("引进和培养高层次科技人才" * (n // 12))
elif name == "same-word":   data = one("talent " * n)
elif name == "abbreviations":
    data = one("talent", abbreviations=[{"short": f"X{i}Y", "long": f"xenon {i} yak"} for i in range(n)])
elif name == "agencies":
    data = {"schema_version": 1, "agencies": [{"id": f"agency-{i}", "name": f"A{i}", "functions": [{"number": 1, "text": "talent"}]} for i in range(n)]}
elif name == "fixed":       data = one("science and technology talent; innovation of the city")
elif name == "duties":
    data = {"schema_version": 1, "agencies": [{"id": "a", "name": "A", "functions": [{"number": i + 1, "text": "science and technology talent"} for i in range(n)]}]}
json.dump(data, open(path, "w"), ensure_ascii=False)
PY
}

# queries N: writes $DIR/queries-N.txt, N hostile lines for search --batch: every one different
# (no answer is repeated), misspelt, quoted, unbalanced, 1,000 characters, blank, a comment.
queries() {
    python3 - "$1" "$DIR/queries-$1.txt" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
shapes = ["talnet {i}", "\"science and {i}\"", "\"open {i}", "x{i}" + "y" * 990, "", "# note {i}", "innovaton t{i}"]
with open(path, "w") as f:
    for i in range(n):
        f.write(shapes[i % len(shapes)].format(i=i) + "\n")
PY
}

# case NAME DATASET-KIND N ARGS...: times ncstb on the dataset at N and 4N (ARGS may hold {n}).
failed=0
case_() {
    local name=$1 kind=$2 n=$(( $3 * SCALE )); shift 3
    local times=()
    for size in "$n" $(( 4 * n )); do
        local file=$DIR/$kind-$size.json
        [ -s "$file" ] || gen "$kind" "$size"
        local args=("${@//\{n\}/$size}")
        local start end
        start=$(date +%s.%N)
        timeout 120 "$NCSTB" --data "$file" "${args[@]}" >/dev/null 2>&1 || true
        end=$(date +%s.%N)
        times+=("$(echo "$end - $start" | bc)")
    done
    local ratio
    ratio=$(echo "scale=2; ${times[1]} / (${times[0]} + 0.001)" | bc)
    local verdict=ok
    if (( $(echo "$ratio > 5" | bc) )); then verdict=FAIL; failed=1; fi
    printf '  %-44s n=%-8s %7.3f s  4n %7.3f s  ratio %5.2f  %s\n' "$name" "$n" "${times[0]}" "${times[1]}" "$ratio" "$verdict"
}

echo "time at n and 4n (ratio 4 is linear; above 5 fails)"
case_ "learning abbreviations: ( x n" parens 100000 search talent
case_ "one unbroken word, table" long-word 50000 show 1 --format table --width 80
case_ "Chinese text, table" chinese 50000 show 1 --format table --width 80
case_ "one word n times: search it" same-word 200000 search talent
case_ "one word n times: a phrase of it" same-word 100000 search '"talent talent"'
case_ "one word n times: a concept of it" same-word 100000 search 'scientific talent'
case_ "a 1,000-letter query against an n-letter word" long-word 1000000 search "$(printf 'b%.0s' {1..999})"
case_ "--agency with an n-letter value" agencies 10000 --agency "$(printf 'x%.0s' {1..2000})" list
case_ "n dataset abbreviations" abbreviations 10000 search talent
case_ "show 1-n on n duties" duties 20000 show '1-{n}' --format json
case_ "show 1-100000000 on n duties" duties 20000 show 1-100000000 --format json
case_ "phrase over n duties" duties 20000 search '"science and technology"'
for size in $(( 4000 * SCALE )) $(( 16000 * SCALE )); do [ -s "$DIR/queries-$size.txt" ] || queries "$size"; done
case_ "n hostile queries in a batch" fixed 4000 search --batch "$DIR/queries-{n}.txt"
case_ "a batch over one word n times" same-word 100000 search --batch benches/complexity.sh
exit $failed
