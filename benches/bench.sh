#!/usr/bin/env bash
# ncstb's benchmark: instruction counts (callgrind, repeatable on a busy machine) and wall time,
# each ncstb command measured against `grep -i talent` over the source page in the same run.
#
#   bash benches/bench.sh            # build release, measure, print ratios
#   RUNS=500 bash benches/bench.sh   # more timing runs
set -euo pipefail
cd "$(dirname "$0")/.."

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

# --- 100,000 duties -------------------------------------------------------------------------
# A generated dataset in ncstb's schema (deterministic), English and Chinese, searched by ncstb,
# by jq with a case-insensitive regex selecting the same duties, and counted by grep, alternating
# in one run.
AGENCIES=${AGENCIES:-10000}
RUNS_BIG=${RUNS_BIG:-5}
mkdir -p target/bench
cargo build --release --quiet --example gen-dataset

# large LANG WORD: the large dataset in LANG, searched for WORD.
large() {
    local lang=$1 word=$2
    local big=target/bench/big-$lang-$AGENCIES.json
    if [ ! -s "$big" ]; then
        target/release/examples/gen-dataset --agencies "$AGENCIES" --lang "$lang" > "$big.tmp" && mv "$big.tmp" "$big"
    fi
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

large en talent
large zh 科技人才
