#!/usr/bin/env bash
# Speed and memory of pipeline against TensorFlow-Keras (oneDNN on) and PyTorch (channels-last),
# the same U-Net measured side by side in one run on this machine.
# Usage: scripts/bench.sh [pipeline-bench options...]   (make bench calls it)
#   ROUNDS:     rounds of ours, TensorFlow and PyTorch, each scored by its better round (default 2)
#   VENV:       the TensorFlow venv (default .venv-ref here, else ../.venv-ref)
#   TORCH_VENV: the PyTorch venv   (default .venv-torch here, else ../.venv-torch)
#   PIPELINE_ISA=avx2 forces our AVX2 kernels on an AVX-512 CPU.
# Set-up of the venvs: ../shared/bench/README.md. Paths are relative to the project root.
set -euo pipefail
cd "$(dirname "$0")/.."

pick() { for d in "$@"; do [ -x "$d/bin/python" ] && { echo "$d"; return; }; done; echo "$1"; }
VENV="${VENV:-$(pick .venv-ref ../.venv-ref)}"
TORCH_VENV="${TORCH_VENV:-$(pick .venv-torch ../.venv-torch)}"
SHARED=../shared/bench
OURS=/tmp/pipeline-bench.$$.json
TF=/tmp/tf-bench.$$.jsonl
TORCH=/tmp/torch-bench.$$.jsonl
PROBES=/tmp/probes.$$.txt
trap 'rm -f "$OURS".* "$TF".* "$TORCH".* "$PROBES"' EXIT

echo "== build (release)"
swift build -c release --product pipeline-bench 2>&1 | tail -1
python3 scripts/check-isa.py .build/release/pipeline-bench

echo "== machine"
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p') (family $(lscpu | sed -n 's/^CPU family: *//p'), model $(lscpu | sed -n 's/^Model: *//p')), $(nproc) cores"
uptime
busy=$(ps -eo comm= | grep -c -E '^(swift-frontend|swift-build|clang|ld|ld.gold)$' || true)
[ "$busy" -gt 0 ] && echo "WARNING: $busy compiler processes are running: figures taken now are low"

# 2-thread efficiency of the host now: below 0.9 a core is being slowed and 2-thread figures are not
# comparable. probe2t uses AVX-512; where it cannot run (a Zen 3), scripts/probe2t-avx2.c, the same
# probe on 8-lane FMAs, stands in, and where neither runs, pipeline-bench's plain-Swift probe.
probe() {
    if [ -x /tmp/probe2t ] && p=$(/tmp/probe2t 2>/dev/null); then
        echo "$1: $p" | tee -a "$PROBES"
        eff=$(echo "$p" | sed -n 's/.*eff=\([0-9.]*\).*/\1/p')
        if awk -v e="$eff" 'BEGIN { exit !(e < 0.9) }'; then
            echo "WARNING: 2-thread efficiency $eff < 0.9: the host is slowing a core; wait and rerun"
        fi
    fi
}
echo "== probe2t"
if [ -f "$SHARED/probe2t.c" ] && command -v gcc >/dev/null \
    && gcc -O2 -march=native "$SHARED/probe2t.c" -o /tmp/probe2t -lpthread 2>/dev/null && /tmp/probe2t >/dev/null 2>&1; then
    probe "before"
elif command -v gcc >/dev/null && gcc -O2 -mavx2 -mfma scripts/probe2t-avx2.c -o /tmp/probe2t -lpthread 2>/dev/null \
    && /tmp/probe2t >/dev/null 2>&1; then
    echo "no AVX-512: probe2t is scripts/probe2t-avx2.c (AVX2 FMAs)"
    probe "before"
else
    rm -f /tmp/probe2t
    echo "probe2t cannot run here (it needs gcc and AVX2): see the plain-Swift FMA probe below"
fi

# OpenBLAS 0.3.21 picks its kernels from a table of CPU models; a newer model (Emerald Rapids, model
# 207, is one) gets "Prescott", its slowest, and the sgemm figures (the im2col alternative the kernel
# table weighs direct convolution against) would be 5-10x low. Name the right family instead.
blas_core() {
    python3 - <<'PY' 2>/dev/null || echo unknown
import ctypes, ctypes.util
lib = ctypes.CDLL(ctypes.util.find_library("openblas") or "libopenblas.so.0")
lib.openblas_get_corename.restype = ctypes.c_char_p
print(lib.openblas_get_corename().decode())
PY
}
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ "$(blas_core)" = Prescott ]; then
    if grep -q -w avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=SkylakeX; else export OPENBLAS_CORETYPE=Haswell; fi
    echo "OpenBLAS does not know this CPU model and picked Prescott kernels: OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE for pipeline-bench"
fi

# The host slows a core now and then (probe2t), by up to a third for a minute at a time: one pass
# of ours, then TensorFlow, then PyTorch would hand whichever ran in a slow minute a loss. So the three
# run in ROUNDS rounds (default 2), the order reversed every other round, each after the host has
# settled, and each framework is scored by its better round; every round's figures are printed too.
ROUNDS="${ROUNDS:-2}"
# Before each framework's turn, wait (up to 90 s) for probe2t to read 0.9: the timing guide's rule.
settle() {
    [ -x /tmp/probe2t ] || return 0
    echo "settle before $1: $(/tmp/probe2t 0.9 90 2>/dev/null)" | tee -a "$PROBES"
}
ours() {
    settle "pipeline, round $1"
    echo "== pipeline-bench (round $1)"
    if [ "$1" = 1 ]; then .build/release/pipeline-bench --json "$OURS.$1" "${BENCH_ARGS[@]}"; else
        .build/release/pipeline-bench --no-kernels --json "$OURS.$1" "${BENCH_ARGS[@]}"; fi
    probe "after pipeline, round $1"
}
tf() {
    settle "TF, round $1"
    echo "== TensorFlow-Keras, oneDNN on (TF_ENABLE_ONEDNN_OPTS=1) (round $1)"
    if [ -x "$VENV/bin/python" ]; then
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE TF_ENABLE_ONEDNN_OPTS=1 TF_CPP_MIN_LOG_LEVEL=2 "$VENV/bin/python" \
            "$SHARED/tf_unet_bench.py" --widths 16 32 --batches 16 --threads 2 --json "$TF.$1" 2>&1 | grep -v "^# threadpool"
        probe "after TF, round $1"
    else
        echo "no TensorFlow venv at $VENV: python3 -m venv $VENV && $VENV/bin/pip install tensorflow-cpu threadpoolctl"
    fi
}
torch() {
    settle "PyTorch, round $1"
    echo "== PyTorch, channels-last (round $1)"
    if [ -x "$TORCH_VENV/bin/python" ]; then
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$TORCH_VENV/bin/python" "$SHARED/torch_unet_bench.py" \
            --widths 16 32 --batches 16 --threads 2 --channels-last --json "$TORCH.$1" 2>&1 | grep -v "^# threadpool"
        probe "after PyTorch, round $1"
    else
        echo "no PyTorch venv at $TORCH_VENV: python3 -m venv $TORCH_VENV && $TORCH_VENV/bin/pip install torch threadpoolctl numpy"
    fi
}
BENCH_ARGS=("$@")
for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then ours "$r"; tf "$r"; torch "$r"; else torch "$r"; tf "$r"; ours "$r"; fi
done

echo "== ours vs the references (batch 16, 2 threads; ratio = ours / the faster reference, above 1 is faster)"
python3 scripts/bench-compare.py --rounds "$ROUNDS" "$OURS" "$TF" "$TORCH" "$PROBES"
