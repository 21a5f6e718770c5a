#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine for the tests: its own config, state, logs and
# munge key under one folder (default /tmp/pipeline-slurm), no systemd. Installs the Debian packages
# when they are missing. Prints `export SLURM_CONF=...`; scripts/slurm-down.sh stops it again.
#
#   bash scripts/slurm-up.sh [FOLDER]        then   export SLURM_CONF=FOLDER/slurm.conf
#
# Choices (measured on this machine, see the README's "Sweeps on Slurm"):
#   kill_invalid_depend       a job whose dependency failed is cancelled, not left pending forever
#   batch_sched_delay=0       ~1 s per dependency hop instead of ~2.5 s
#   jobcomp/filetxt           `sacct -c` works without slurmdbd
#   proctrack/linuxproc, task/none   no cgroups outside the sandbox
set -euo pipefail
D=${1:-${SLURM_DIR:-/tmp/pipeline-slurm}}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
   || ! command -v munged >/dev/null; then
  echo "slurm-up: installing slurmctld slurmd slurm-client munge"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    slurmctld slurmd slurm-client munge >/dev/null
fi

# Two free TCP ports from 6817 up, so a second cluster on the same machine does not collide.
free_port() {
  local p=$1
  while (exec 3<>/dev/tcp/127.0.0.1/"$p") 2>/dev/null || grep -qx "$p" "$D/.ports-taken" 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

if [ -f "$D/slurmctld.pid" ] && kill -0 "$(cat "$D/slurmctld.pid")" 2>/dev/null; then
  echo "slurm-up: already running in $D (scripts/slurm-down.sh $D stops it)"
  echo "export SLURM_CONF=$D/slurm.conf"
  exit 0
fi

H=$(hostname -s)
CPUS=$(nproc)
MEM=$(( $(awk '/MemTotal/{print $2}' /proc/meminfo) / 1024 - 1024 ))   # MiB, at most the real memory
rm -rf "$D/state" "$D/spool"   # old jobs would come back from a previous state folder
mkdir -p "$D"/{state,spool,log,munge}
chmod 755 "$D" "$D/munge"      # munged refuses a socket folder others cannot reach
: > "$D/.ports-taken"
CTLD_PORT=$(free_port 6817); echo "$CTLD_PORT" >> "$D/.ports-taken"
SLURMD_PORT=$(free_port $((CTLD_PORT + 1)))

[ -f "$D/munge/munge.key" ] || mungekey --create --keyfile="$D/munge/munge.key"
chmod 600 "$D/munge/munge.key"
/usr/sbin/munged --socket="$D/munge/munge.socket" --key-file="$D/munge/munge.key" \
  --pid-file="$D/munge/munged.pid" --log-file="$D/munge/munged.log" --seed-file="$D/munge/munged.seed"

cat > "$D/slurm.conf" <<CONF
ClusterName=pipeline
SlurmctldHost=$H(127.0.0.1)
SlurmUser=$(id -un)
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$D/munge/munge.socket
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$D/log/jobcomp.txt
DependencyParameters=kill_invalid_depend
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
MailProg=/bin/true
ReturnToService=2
CommunicationParameters=NoInAddrAny
MinJobAge=600
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
NodeName=$H NodeAddr=127.0.0.1 CPUs=$CPUS Boards=1 SocketsPerBoard=1 CoresPerSocket=$CPUS ThreadsPerCore=1 RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=$H Default=YES MaxTime=INFINITE State=UP
CONF

export SLURM_CONF=$D/slurm.conf
/usr/sbin/slurmctld
/usr/sbin/slurmd
for _ in $(seq 1 120); do
  if sinfo -h -o %T 2>/dev/null | grep -qx idle; then
    echo "slurm-up: one-node cluster up in $D (ports $CTLD_PORT/$SLURMD_PORT)"
    echo "export SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.25
done
echo "slurm-up: the cluster did not come up; see $D/log/slurmctld.log and $D/log/slurmd.log" >&2
exit 1
