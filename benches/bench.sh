#!/usr/bin/env bash
# ncstb's benchmark: instruction counts (callgrind, repeatable on a busy machine) and wall time,
# each ncstb command measured against `grep -i talent` over the source page in the same run.
#
#   bash benches/bench.sh            # build release, measure, print ratios
#   RUNS=500 bash benches/bench.sh   # more timing runs
#   bash benches/bench.sh batch      # only the batch of 1,000 queries against SQLite FTS5
set -euo pipefail
cd "$(dirname "$0")/.."

ONLY=${1:-all}
RUNS=${RUNS:-300}
SEED=data/source.txt
cargo build --release --quiet
NCSTB=target/release/ncstb

# name | command, run from the repository root
CASES=(
    "grep -i talent (baseline)|grep -i talent $SEED"
    "ncstb list --format json|$NCSTB list --format json"
    "ncstb show 5|$NCSTB show 5"
    "ncstb search (typos)|$NCSTB search --format json inovation capabilty"
    "ncstb search talent|$NCSTB search --format json talent"
    "ncstb search patents (concept)|$NCSTB search --format json patents"
    "ncstb search (two words, no match)|$NCSTB search --format json social security"
)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo

if [ "$ONLY" = all ]; then

if command -v valgrind >/dev/null 2>&1; then
    echo "instructions (valgrind --tool=callgrind)"
    base=""
    for case in "${CASES[@]}"; do
        name=${case%%|*}
        cmd=${case#*|}
        out=$(mktemp)
        # shellcheck disable=SC2086
        valgrind --tool=callgrind --callgrind-out-file=/dev/null $cmd 2>"$out" >/dev/null || true
        count=$(grep -o 'Collected : [0-9]*' "$out" | grep -o '[0-9]*$')
        rm -f "$out"
        [ -z "$base" ] && base=$count
        printf '  %-34s %12s  %5.2fx grep\n' "$name" "$count" "$(awk -v a="$count" -v b="$base" 'BEGIN { print a / b }')"
    done
    echo
else
    echo "valgrind not found: skipping instruction counts (apt-get install valgrind)"
fi

echo "wall time (median of $RUNS runs each, alternating)"
python3 - "$RUNS" "${CASES[@]}" <<'PY'
import shlex, statistics, subprocess, sys, time
runs = int(sys.argv[1])
cases = [c.split("|", 1) for c in sys.argv[2:]]
times = {name: [] for name, _ in cases}
for _ in range(runs):
    for name, cmd in cases:
        argv = shlex.split(cmd)
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - start)
base = statistics.median(times[cases[0][0]])
for name, _ in cases:
    median = statistics.median(times[name])
    print(f"  {name:<34} {median * 1000:9.3f} ms  {median / base:5.2f}x grep")
PY

fi

# --- 100,000 duties -------------------------------------------------------------------------
# A generated dataset in ncstb's schema (deterministic), English and Chinese, searched by ncstb,
# by jq with a case-insensitive regex selecting the same duties, and counted by grep, alternating
# in one run.
AGENCIES=${AGENCIES:-10000}
RUNS_BIG=${RUNS_BIG:-5}
mkdir -p target/bench
cargo build --release --quiet --example gen-dataset

# dataset LANG: the large dataset in LANG, made once.
dataset() {
    local lang=$1 big=target/bench/big-$1-$AGENCIES.json
    if [ ! -s "$big" ]; then
        target/release/examples/gen-dataset --agencies "$AGENCIES" --lang "$lang" > "$big.tmp" && mv "$big.tmp" "$big"
    fi
}

# large LANG WORD: the large dataset in LANG, searched for WORD.
large() {
    local lang=$1 word=$2
    local big=target/bench/big-$lang-$AGENCIES.json
    dataset "$lang"
    echo
    echo "large dataset: $big ($(du -m "$big" | cut -f1) MB, $($NCSTB validate "$big" | sed 's/.*ok: //'))"
    echo "wall time (median of $RUNS_BIG runs each, alternating) and peak memory (max RSS, as /usr/bin/time -f %M)"
    JQ_FILTER='[.agencies[] | .id as $a | .functions[] | select(.text | test("'"$word"'"; "i")) | {agency: $a, number, numeral, title, text}] | .[:20]' \
    python3 - "$RUNS_BIG" \
        "ncstb search --limit 20 $word|$NCSTB --data $big search --format json --limit 20 $word" \
        "jq (same duties, regex)|jq:$big" \
        "grep -ci $word|grep -ci $word $big" \
        "ncstb list --format json|$NCSTB --data $big list --format json" \
        "ncstb contact --format json|$NCSTB --data $big contact --format json" <<'PY'
import os, shlex, statistics, subprocess, sys, time
runs = int(sys.argv[1])
cases = []
for spec in sys.argv[2:]:
    name, rest = spec.split("|", 1)
    if rest.startswith("jq:"):
        argv = ["jq", os.environ["JQ_FILTER"], rest[len("jq:"):]]
    else:
        argv = shlex.split(rest)
    cases.append((name, argv))
times = {name: [] for name, _ in cases}
peak = {name: 0 for name, _ in cases}
for _ in range(runs):
    for name, argv in cases:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        times[name].append(time.perf_counter() - start)
        peak[name] = max(peak[name], usage.ru_maxrss)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            sys.exit(f"{name} failed with status {status}")
jq = statistics.median(times[cases[1][0]])
for name, _ in cases:
    median = statistics.median(times[name])
    print(f"  {name:<30} {median:8.3f} s  {median / jq:5.2f}x jq  {peak[name] / 1024:8.1f} MB  {peak[name] / peak[cases[1][0]]:5.2f}x jq's memory")
PY
}

if [ "$ONLY" = all ]; then
    large en talent
    large zh 科技人才
fi

# --- 1,000 queries at once ------------------------------------------------------------------
# `search --batch` over the English dataset, against SQLite's FTS5 answering the same queries
# (words ANDed, ORDER BY rank LIMIT 20) from an index built beforehand, in one process. ncstb's
# time includes reading the dataset and building its index; FTS5's excludes building its table.
QUERIES=${QUERIES:-1000}
RUNS_BATCH=${RUNS_BATCH:-3}
batch() {
    dataset en
    local big=target/bench/big-en-$AGENCIES.json
    local queries=target/bench/queries-en-$QUERIES.txt
    local db=target/bench/big-en-$AGENCIES.fts5.db
    target/release/examples/gen-dataset --agencies "$AGENCIES" --queries "$QUERIES" > "$queries"
    echo
    echo "batch: $QUERIES queries ($queries) over $big ($(du -m "$big" | cut -f1) MB), median of $RUNS_BATCH runs"
    # The table is built by a process of its own: the timing process stays small, since its
    # children's memory is measured and a child starts as a copy of it.
    python3 - "$big" "$db" <<'PY'
import json, os, sqlite3, sys, time
big, db = sys.argv[1], sys.argv[2]
if not os.path.exists(db) or os.path.getmtime(db) < os.path.getmtime(big):
    if os.path.exists(db):
        os.remove(db)
    start = time.perf_counter()
    with open(big, encoding="utf-8") as f:
        data = json.load(f)
    connection = sqlite3.connect(db)
    connection.execute("CREATE VIRTUAL TABLE duties USING fts5(agency UNINDEXED, number UNINDEXED, text)")
    connection.executemany(
        "INSERT INTO duties VALUES (?, ?, ?)",
        ((a["id"], d["number"], d["text"]) for a in data["agencies"] for d in a["functions"]),
    )
    connection.commit()
    connection.close()
    print(f"  FTS5 table built in {time.perf_counter() - start:.2f} s (not counted)")
PY
    python3 - "$NCSTB" "$big" "$queries" "$db" "$RUNS_BATCH" <<'PY'
import os, sqlite3, statistics, subprocess, sys, time
ncstb, big, queries, db, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
lines = [line.rstrip("\n") for line in open(queries, encoding="utf-8")]
# Each word an FTS5 string, so that its punctuation is no syntax; words side by side are ANDed.
matches = [" ".join('"' + w.replace('"', '""') + '"' for w in line.split()) for line in lines]

def fts5():
    connection = sqlite3.connect(db)
    start = time.perf_counter()
    for match in matches:
        connection.execute(
            "SELECT agency, number FROM duties WHERE duties MATCH ? ORDER BY rank LIMIT 20", (match,)
        ).fetchall()
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed, 0

def batch():
    start = time.perf_counter()
    child = subprocess.Popen(
        [ncstb, "--data", big, "search", "--batch", queries, "--limit", "20"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"ncstb search --batch failed with status {status}")
    return time.perf_counter() - start, usage.ru_maxrss * 1024

def first_answer():
    # As a co-process: the time from starting ncstb to reading its answer to the first query.
    start = time.perf_counter()
    child = subprocess.Popen(
        [ncstb, "--data", big, "search", "--batch", "--limit", "20"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    child.stdin.write((lines[0] + "\n").encode())
    child.stdin.flush()
    child.stdout.readline()
    elapsed = time.perf_counter() - start
    child.stdin.close()
    child.wait()
    return elapsed

times = {"ncstb": [], "fts5": [], "first": []}
peak = 0
for _ in range(runs):
    elapsed, memory = batch()
    times["ncstb"].append(elapsed)
    peak = max(peak, memory)
    times["fts5"].append(fts5()[0])
    times["first"].append(first_answer())
ours, theirs = statistics.median(times["ncstb"]), statistics.median(times["fts5"])
size = os.path.getsize(big)
print(f"  ncstb search --batch (load, index, answer)  {ours:7.3f} s  {ours / theirs:5.2f}x FTS5's query time (target 1.0x)")
print(f"  FTS5 queries (index built beforehand)       {theirs:7.3f} s")
print(f"  ncstb time to first answer                  {statistics.median(times['first']):7.3f} s")
print(f"  ncstb peak memory {peak / 2**20:8.1f} MB  {peak / size:5.2f}x the dataset file ({size / 2**20:.1f} MB; target 2.0x)")
PY
}

batch
