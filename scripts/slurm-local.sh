#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for trying and testing funnelsim's job arrays:
# munged, slurmctld and slurmd on localhost, with every file they keep (munge key, slurm.conf,
# state, spool, logs, PID files) under one temporary folder.
#
#   scripts/slurm-local.sh up       start it (installs Debian's slurm-wlm and munge when missing
#                                   and running as root); prints `export SLURM_CONF=…` on stdout,
#                                   so `eval "$(scripts/slurm-local.sh up)"` points sbatch at it
#   scripts/slurm-local.sh down     stop the daemons this script started, remove the folder
#   scripts/slurm-local.sh status   exit 0 when the cluster answers, 1 when it does not
#   scripts/slurm-local.sh env      print the `export SLURM_CONF=…` line again
#   scripts/slurm-local.sh install  only install the packages when missing (what `up` does first)
#   scripts/slurm-local.sh check    exit 0 when the cluster can run here (as root, Slurm installed or
#                                   installable), 3 when it cannot
#
# Both `up` and `down` are idempotent: `up` on a running cluster leaves it be, `down` on a stopped
# one does nothing. Only processes whose PIDs this script recorded, and whose command line names
# this cluster's folder, are ever signalled; a system munged or Slurm elsewhere is left alone.
#
# Environment:
#   FUNNELSIM_SLURM_DIR   the folder (default: ${TMPDIR:-/tmp}/funnelsim-slurm)
#   FUNNELSIM_SLURM_PORT  slurmctld's port; slurmd uses the next one (default 16817, away from
#                         Slurm's standard 6817/6818 so a real installation on the host is not
#                         disturbed)
#
# Exit codes: 0 done; 1 failed (the message names the log to read); 3 this cluster cannot run
# here: not root (slurmd must be), or Slurm missing with no apt-get to install it. Tests skip on 3.
set -euo pipefail

DIR=${FUNNELSIM_SLURM_DIR:-${TMPDIR:-/tmp}/funnelsim-slurm}
PORT=${FUNNELSIM_SLURM_PORT:-16817}
CONF=$DIR/etc/slurm.conf
SOCKET=$DIR/munge/munge.socket.2
PARTITION=funnelsim
DAEMONS=(munged slurmctld slurmd)

say() { echo "slurm-local: $*" >&2; }
die() { say "$*"; exit 1; }

pid_file() { echo "$DIR/run/$1.pid"; }

# The PID of a daemon this script started, if it is still alive and still ours.
our_pid() {
  local file pid
  file=$(pid_file "$1")
  [ -s "$file" ] || return 1
  pid=$(tr -dc 0-9 <"$file")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  # A recycled PID would not name our folder on its command line.
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$DIR/" || return 1
  echo "$pid"
}

cluster_answers() {
  [ -f "$CONF" ] || return 1
  for daemon in "${DAEMONS[@]}"; do our_pid "$daemon" >/dev/null || return 1; done
  SLURM_CONF=$CONF scontrol ping 2>/dev/null | grep -q "is UP" || return 1
  SLURM_CONF=$CONF sinfo -h -N -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)' || return 1
}

print_env() { echo "export SLURM_CONF=$CONF"; }

# The commands this cluster needs that are not installed, space-separated; fails when none is missing.
missing_commands() {
  local missing=() command
  for command in munged slurmctld slurmd sbatch scontrol squeue scancel sinfo; do
    PATH=$PATH:/usr/sbin:/sbin command -v "$command" >/dev/null 2>&1 || missing+=("$command")
  done
  echo "${missing[*]}"
  [ ${#missing[@]} -gt 0 ]
}

ensure_installed() {
  local missing
  missing=$(missing_commands) || return 0
  if [ "$(id -u)" != 0 ]; then
    say "Slurm is not installed (missing: $missing) and installing it needs root: run as root, or apt-get install slurm-wlm munge"
    exit 3
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "Slurm is not installed (missing: $missing) and there is no apt-get to install it: install Slurm (slurmctld, slurmd, client commands) and munge"
    exit 3
  fi
  local log=$DIR/apt.log policy=/usr/sbin/policy-rc.d made_policy=""
  mkdir -p "$DIR"
  say "installing Debian's slurm-wlm and munge (log: $log)"
  # The packages' install scripts would start system-wide munged/slurmctld/slurmd; this cluster
  # runs its own, so keep the package scripts from starting any (policy-rc.d exit 101 = refuse).
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && made_policy=1
  fi
  local status=0
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge; } >"$log" 2>&1 || status=$?
  [ -n "$made_policy" ] && rm -f "$policy"
  if [ $status -ne 0 ]; then
    say "apt-get could not install slurm-wlm and munge (exit $status); the end of $log:"
    tail -n 5 "$log" >&2
    exit 3
  fi
}

write_config() {
  local node cpus memory line
  node=$(hostname -s)
  # The node's real CPUs and memory, as slurmd itself detects them.
  line=$(slurmd -C 2>/dev/null | head -n 1)
  cpus=$(sed -n 's/.* CPUs=\([0-9]*\).*/\1/p' <<<"$line")
  memory=$(sed -n 's/.* RealMemory=\([0-9]*\).*/\1/p' <<<"$line")
  [ -n "$cpus" ] || cpus=$(nproc)
  [ -n "$memory" ] || memory=$(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo)
  cat >"$CONF" <<EOF
# Written by scripts/slurm-local.sh: a one-node cluster for funnelsim's job arrays.
ClusterName=funnelsim-local
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
# No cgroups: processes are tracked through their parent links, and tasks are not bound.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SwitchType=switch/none
# Cores are the consumable resource, so an array's tasks share the node one CPU set each.
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
# Keep finished jobs visible to scontrol for 10 minutes (there is no accounting database).
MinJobAge=600
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$(pid_file slurmctld)
SlurmdPidFile=$(pid_file slurmd)
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=$PARTITION Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
}

start_munged() {
  if command -v mungekey >/dev/null 2>&1; then
    mungekey --create --keyfile="$DIR/munge/munge.key" --force >/dev/null
  else
    dd if=/dev/urandom of="$DIR/munge/munge.key" bs=1024 count=1 status=none
  fi
  chmod 400 "$DIR/munge/munge.key"
  munged --force --socket="$SOCKET" --key-file="$DIR/munge/munge.key" --pid-file="$(pid_file munged)" \
    --log-file="$DIR/log/munged.log" --seed-file="$DIR/munge/munged.seed" 2>>"$DIR/log/munged.log" \
    || die "munged did not start; see $DIR/log/munged.log"
}

wait_for() {
  local what=$1 tries=$2
  shift 2
  for _ in $(seq "$tries"); do
    "$@" && return 0
    sleep 0.2
  done
  die "$what; see the logs in $DIR/log"
}

daemon_running() { our_pid "$1" >/dev/null; }
node_ready() { SLURM_CONF=$CONF sinfo -h -N -o %t 2>/dev/null | grep -qE '^(idle|mix|alloc)'; }

up() {
  if cluster_answers; then
    say "already up (SLURM_CONF=$CONF)"
    print_env
    return 0
  fi
  ensure_installed
  if [ "$(id -u)" != 0 ]; then
    say "slurmd must run as root to start jobs (and this cluster's daemons run as root): run as root"
    exit 3
  fi
  export PATH=$PATH:/usr/sbin:/sbin
  # Whatever is left of an earlier, broken start goes first: start from nothing.
  down quiet
  mkdir -p "$DIR"/{etc,munge,state,spool,log,run}
  chmod 700 "$DIR" "$DIR/munge"
  write_config
  start_munged
  wait_for "munged did not open its socket" 50 test -S "$SOCKET"
  slurmctld -f "$CONF" -i 2>>"$DIR/log/slurmctld.log" || die "slurmctld did not start; see $DIR/log/slurmctld.log"
  wait_for "slurmctld did not write its PID file" 50 daemon_running slurmctld
  slurmd -f "$CONF" 2>>"$DIR/log/slurmd.log" || die "slurmd did not start; see $DIR/log/slurmd.log"
  wait_for "slurmd did not write its PID file" 50 daemon_running slurmd
  wait_for "the node did not become idle" 150 node_ready
  say "up: node $(hostname -s), $(SLURM_CONF=$CONF sinfo -h -N -o '%c CPUs, %m MB') in partition $PARTITION; state in $DIR"
  print_env
}

alive() { [ -r "/proc/$1/stat" ] && ! grep -q '^[0-9]* ([^)]*) Z' "/proc/$1/stat"; }

# TERM, then up to 5 s for the processes to exit, then KILL.
stop_pids() {
  [ $# -gt 0 ] || return 0
  kill -TERM "$@" 2>/dev/null || true
  for _ in $(seq 50); do
    local left=()
    for pid in "$@"; do alive "$pid" && left+=("$pid"); done
    [ ${#left[@]} -eq 0 ] && return 0
    sleep 0.1
  done
  kill -KILL "$@" 2>/dev/null || true
}

down() {
  local quiet=${1:-} stopped=0 pid daemon
  export PATH=$PATH:/usr/sbin:/sbin
  # Jobs first, while slurmctld can still cancel them (their processes belong to slurmstepd).
  if [ -f "$CONF" ] && our_pid slurmctld >/dev/null; then
    SLURM_CONF=$CONF scancel --full --quiet --user="$(id -un)" 2>/dev/null || true
    for _ in $(seq 50); do
      [ -z "$(SLURM_CONF=$CONF squeue -h -t running,completing -o %A 2>/dev/null)" ] && break
      sleep 0.1
    done
  fi
  # The Slurm daemons together, then munged, which they need until they exit.
  local slurm_pids=()
  for daemon in slurmd slurmctld; do
    if pid=$(our_pid "$daemon"); then slurm_pids+=("$pid"); fi
  done
  stop_pids "${slurm_pids[@]}"
  stopped=${#slurm_pids[@]}
  if pid=$(our_pid munged); then
    stop_pids "$pid"
    stopped=$((stopped + 1))
  fi
  # Remove the folder only when it is this script's (it holds our slurm.conf) or an empty one.
  if [ ! -e "$DIR" ]; then
    [ -n "$quiet" ] || say "down: nothing to stop ($DIR does not exist)"
    return 0
  fi
  if { grep -qs "Written by scripts/slurm-local.sh" "$CONF" || [ -z "$(ls -A "$DIR")" ] || [ -f "$DIR/apt.log" ]; }; then
    rm -rf "$DIR"
  else
    die "$DIR does not look like this script's folder (no slurm.conf of ours); not removing it"
  fi
  [ -n "$quiet" ] || say "down: stopped $stopped daemon(s), removed $DIR"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status)
    if cluster_answers; then
      say "up (SLURM_CONF=$CONF)"
    else
      say "not running"
      exit 1
    fi
    ;;
  env) print_env ;;
  install) ensure_installed ;;
  check)
    if [ "$(id -u)" != 0 ]; then
      say "slurmd must run as root to start jobs (and this cluster's daemons run as root): run as root"
      exit 3
    elif missing=$(missing_commands) && ! command -v apt-get >/dev/null 2>&1; then
      say "Slurm is not installed (missing: $missing) and there is no apt-get to install it"
      exit 3
    fi
    ;;
  *)
    echo "usage: $0 up|down|status|env|install|check" >&2
    exit 2
    ;;
esac
