#!/usr/bin/env bash
# Stops the cluster scripts/slurm-up.sh started in FOLDER (default /tmp/pipeline-slurm). Jobs are
# cancelled first: slurmstepd and a job's processes outlive a stopped slurmd.
#
#   bash scripts/slurm-down.sh [FOLDER]
set -uo pipefail
D=${1:-${SLURM_DIR:-/tmp/pipeline-slurm}}
export SLURM_CONF=$D/slurm.conf

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

if alive "$D/slurmctld.pid"; then
  squeue -h -o %A 2>/dev/null | xargs -r scancel
  for _ in $(seq 1 40); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.25; done
fi
for f in "$D/slurmd.pid" "$D/slurmctld.pid" "$D/munge/munged.pid"; do
  alive "$f" || continue
  p=$(cat "$f")
  kill "$p" 2>/dev/null
  for _ in $(seq 1 40); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null
done
echo "slurm-down: stopped the cluster in $D"
