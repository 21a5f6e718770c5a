#!/usr/bin/env bash
# Speed and memory of pipeline against the TensorFlow/Keras reference U-Net, measured in one run.
# Usage: scripts/bench.sh [--venv PATH] [pipeline-bench options...]   (make bench calls it)
#   VENV (or --venv): the TensorFlow venv, default .venv-ref in the project root.
# Paths are relative to the project root; shared benchmark files live in ../shared/bench.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${VENV:-.venv-ref}"
if [ "${1:-}" = "--venv" ]; then VENV="$2"; shift 2; fi
SHARED=../shared/bench
OURS=/tmp/pipeline-bench.$$.json
THEIRS=/tmp/tf-bench.$$.jsonl
trap 'rm -f "$OURS" "$THEIRS"' EXIT

echo "== build (release)"
swift build -c release --product pipeline-bench 2>&1 | tail -1

# 2-thread efficiency of the host right now: below 0.9 a core is being slowed and 2-thread
# figures are not comparable. probe2t uses AVX-512; on a CPU without it, it cannot run.
echo "== probe2t"
if [ -f "$SHARED/probe2t.c" ] && command -v gcc >/dev/null; then
    if gcc -O2 -march=native "$SHARED/probe2t.c" -o /tmp/probe2t -lpthread 2>/dev/null \
        && probe=$(/tmp/probe2t 2>/dev/null); then
        echo "$probe"
        eff=$(echo "$probe" | sed -n 's/.*eff=\([0-9.]*\).*/\1/p')
        if awk -v e="$eff" 'BEGIN { exit !(e < 0.9) }'; then
            echo "WARNING: 2-thread efficiency $eff < 0.9: the host is slowing a core; wait and rerun"
        fi
    else
        echo "probe2t could not be built or run here (it needs AVX-512); 2-thread figures are unchecked"
    fi
else
    echo "probe2t skipped: $SHARED/probe2t.c or gcc missing"
fi

echo "== pipeline-bench"
.build/release/pipeline-bench --json "$OURS" "$@"

echo "== TensorFlow/Keras reference"
if [ -x "$VENV/bin/python" ]; then
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$VENV/bin/python" "$SHARED/tf_unet_bench.py" \
        --widths 16 32 --batches 16 --threads 2 --json "$THEIRS"
else
    echo "no TensorFlow venv at $VENV; create one with"
    echo "  python3 -m venv .venv-ref && .venv-ref/bin/pip install tensorflow-cpu threadpoolctl"
    echo "or point VENV=/path/to/venv (or --venv PATH) at an existing one. Our figures follow alone."
fi

echo "== ours vs TensorFlow (batch 16, 2 threads, best step of each; ratio = ours / TF, above 1 is faster)"
python3 - "$OURS" "$THEIRS" <<'PY'
import json, os, sys
ours = json.load(open(sys.argv[1]))
tf = {}
if os.path.exists(sys.argv[2]):
    for line in open(sys.argv[2]):
        r = json.loads(line)
        tf[(r["width"], r["batch"])] = r
print(f"sgemm 2048²: {ours['sgemm_gflops_2t']:.1f} GFLOP/s on 2 threads")
if not ours["models"]:
    print("no whole-model figures from pipeline-bench (run without --no-model once the U-Net is built)")
# Ours are best-of-N step times; TF's script reports the median and the best step: compare best to
# best (GFLOP/s from TF's best step, counted as ours: 3 × forward for training).
for r in tf.values():
    fl = r["fwd_flops_per_img"] / 1e9
    if "train_img_s_best" in r: r["train_gflops_best"] = 3 * fl * r["train_img_s_best"]
    if "infer_img_s_best" in r: r["infer_gflops_best"] = fl * r["infer_img_s_best"]
rows = [("train img/s", "train_img_s", "train_img_s_best"), ("infer img/s", "infer_img_s", "infer_img_s_best"),
        ("train GFLOP/s", "train_gflops", "train_gflops_best"), ("infer GFLOP/s", "infer_gflops", "infer_gflops_best")]
print(f"{'width':>5} {'measure':<15} {'ours':>9} {'TF':>9} {'ours/TF':>8}")
for m in ours["models"]:
    t = tf.get((m["width"], m["batch"]))
    for label, ko, kt in rows:
        theirs = t.get(kt) if t else None
        ratio = f"{m[ko] / theirs:8.2f}" if theirs else "       -"
        print(f"{m['width']:>5} {label:<15} {m[ko]:>9.2f} {theirs if theirs is None else round(theirs, 2)!s:>9} {ratio}")
    print(f"{m['width']:>5} {'peak RSS GiB':<15} {m['peak_rss_bytes'] / 2**30:>9.2f}")
    print(f"{m['width']:>5} {'train / sgemm':<15} {m['train_gflops'] / ours['sgemm_gflops_2t']:>9.2f}")
PY
