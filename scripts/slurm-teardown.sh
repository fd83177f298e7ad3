#!/usr/bin/env bash
# Stops the single-node Slurm cluster started by scripts/slurm-setup.sh (by the pids in its pid files).
# munged is left running (harmless; other tools may use it).
set -uo pipefail
for p in /run/slurm/slurmd.pid /run/slurm/slurmctld.pid; do
  if [ -f "$p" ] && kill -0 "$(cat "$p")" 2>/dev/null; then
    kill "$(cat "$p")" && echo "slurm-teardown: stopped $(basename "$p" .pid)" >&2
  fi
done
exit 0
