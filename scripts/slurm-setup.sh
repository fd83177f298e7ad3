#!/usr/bin/env bash
# Sets up and starts a single-node Slurm cluster on this machine (slurmctld + slurmd on localhost, munge),
# idempotently: a second call finds it running and only waits for the node to be idle.
# Needs root. Installs slurm-wlm and munge with apt-get when they are missing and apt-get is available.
# Facts behind the choices: shared/notes/slurm.md (Slurm 22.05 on Debian bookworm).
# Usage: scripts/slurm-setup.sh            (exit 0 when `sinfo` shows the node idle, 1 otherwise)
# Stop it with scripts/slurm-teardown.sh.
set -euo pipefail
log() { echo "slurm-setup: $*" >&2; }
start=$(date +%s)

if [ "$(id -u)" != 0 ]; then log "not root: cannot set up Slurm"; exit 1; fi
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then log "slurm-wlm/munge missing and no apt-get"; exit 1; fi
  log "installing slurm-wlm and munge"
  apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

host=$(hostname -s)
cpus=$(nproc)
# RealMemory in MB, a little under the total so slurmd's own check (it refuses a node claiming more) passes.
mem_mb=$(( $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) * 95 / 100 ))

# --- munge: key (1024 random bytes, mode 400, owner munge), daemon, self-test
install -d -o munge -g munge -m 0700 /etc/munge /var/lib/munge /var/log/munge
install -d -o munge -g munge -m 0755 /run/munge
if [ ! -s /etc/munge/munge.key ]; then
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  munged --force
  sleep 1
fi
munge -n | unmunge >/dev/null || { log "munge self-test failed"; exit 1; }

# --- slurm.conf for this host (rewritten only when it changes, so a running cluster is left alone)
mkdir -p /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/slurm
conf=$(cat <<EOF
# written by taunet scripts/slurm-setup.sh: single-node cluster on $host
ClusterName=taunet
SlurmctldHost=$host
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SlurmUser=root
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurm/slurmctld.pid
SlurmdPidFile=/run/slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
MaxArraySize=100001
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
SchedulerType=sched/backfill
NodeName=$host CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
)
changed=0
if [ ! -f /etc/slurm/slurm.conf ] || [ "$(cat /etc/slurm/slurm.conf)" != "$conf" ]; then
  printf '%s\n' "$conf" > /etc/slurm/slurm.conf
  changed=1
fi

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
if [ $changed = 1 ]; then
  # a new configuration: restart whatever runs with the old one
  for p in /run/slurm/slurmd.pid /run/slurm/slurmctld.pid; do running $p && kill "$(cat $p)" && sleep 1; done
fi
running /run/slurm/slurmctld.pid || { log "starting slurmctld"; slurmctld; }
running /run/slurm/slurmd.pid || { log "starting slurmd"; slurmd; }

# --- wait until the node is idle (or mixed/allocated: it then already runs jobs)
for _ in $(seq 1 60); do
  state=$(sinfo -h -N -o '%T' -n "$host" 2>/dev/null | head -n 1 || true)
  case "$state" in
    idle|mixed|allocated|completing)
      log "node $host $state (CPUs=$cpus RealMemory=${mem_mb}MB) after $(( $(date +%s) - start )) s"; exit 0 ;;
    down*|drain*|unknown*)
      scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true ;;
  esac
  sleep 1
done
log "node $host did not become idle (state '${state:-none}'); see /var/log/slurm/"
exit 1
