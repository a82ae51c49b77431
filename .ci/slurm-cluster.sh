#!/usr/bin/env bash
# Sourced by .ci/slurm-test.sh: a one-node Slurm cluster on the loopback (munged, slurmctld, slurmd), every file of
# it in one scratch folder, so nothing outside that folder (no /etc/slurm, no system munge socket) is touched.
#   slurm_start DIR   start it; sets SLURM_CONF; returns non-zero with a reason in $slurm_reason when it cannot
#   slurm_stop        stop the three daemons started by slurm_start (by their pid files), nothing else

slurm_reason=''
slurm_dir=''

slurm_start() {
  slurm_dir=$1
  local host cpus conf
  host=$(hostname -s)
  cpus=$(nproc)
  mkdir -p "$slurm_dir/state" "$slurm_dir/spool" "$slurm_dir/log" "$slurm_dir/munge"
  chmod 700 "$slurm_dir/munge"
  # A key of our own: the system key (if any) belongs to the munge user and munged refuses a key it does not own.
  head -c 1024 /dev/urandom >"$slurm_dir/munge/munge.key"
  chmod 600 "$slurm_dir/munge/munge.key"
  if ! munged --force --socket="$slurm_dir/munge/socket" --key-file="$slurm_dir/munge/munge.key" \
      --log-file="$slurm_dir/log/munged.log" --pid-file="$slurm_dir/munge/munged.pid" \
      --seed-file="$slurm_dir/munge/munged.seed" >"$slurm_dir/log/munged.out" 2>&1; then
    slurm_reason="munged did not start: $(tail -n 1 "$slurm_dir/log/munged.out")"
    return 1
  fi
  conf="$slurm_dir/slurm.conf"
  cat >"$conf" <<CONF
ClusterName=mmclci
SlurmctldHost=${host}(127.0.0.1)
SlurmctldPort=${MMCL_SLURMCTLD_PORT:-6817}
SlurmdPort=${MMCL_SLURMD_PORT:-6818}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$slurm_dir/munge/socket
StateSaveLocation=$slurm_dir/state
SlurmdSpoolDir=$slurm_dir/spool
SlurmctldPidFile=$slurm_dir/slurmctld.pid
SlurmdPidFile=$slurm_dir/slurmd.pid
SlurmctldLogFile=$slurm_dir/log/slurmctld.log
SlurmdLogFile=$slurm_dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
MinJobAge=600
KillWait=10
NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=4096 State=UNKNOWN
PartitionName=ci Nodes=${host} Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF=$conf
  if ! slurmctld -i -f "$conf" >"$slurm_dir/log/slurmctld.out" 2>&1; then
    slurm_reason="slurmctld did not start: $(tail -n 1 "$slurm_dir/log/slurmctld.out")"
    return 1
  fi
  if ! slurmd -f "$conf" >"$slurm_dir/log/slurmd.out" 2>&1; then
    slurm_reason="slurmd did not start: $(tail -n 1 "$slurm_dir/log/slurmd.out")"
    return 1
  fi
  # The node registers within a few seconds; wait for it to be schedulable.
  local state=''
  for _ in $(seq 1 60); do
    state=$(sinfo -h -N -o '%t' 2>/dev/null | head -n 1)
    case "$state" in idle|mix|alloc) return 0 ;; esac
    sleep 0.5
  done
  slurm_reason="the node did not become idle within 30 s (state '${state:-none}'; see $slurm_dir/log/slurmd.log)"
  return 1
}

slurm_stop() {
  [ -n "$slurm_dir" ] || return 0
  local pidfile pid
  for pidfile in "$slurm_dir/slurmd.pid" "$slurm_dir/slurmctld.pid" "$slurm_dir/munge/munged.pid"; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
}
