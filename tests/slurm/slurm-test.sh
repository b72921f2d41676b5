#!/usr/bin/env bash
# A real Slurm on this machine: munged, slurmctld and slurmd (Debian's
# packages) as a one-node cluster on localhost, configured in a temporary
# folder; a 2x2 sweep submitted through it as a job array, one of its tasks
# requeued mid-run; then the results checked and everything started here
# stopped. Exit 77 (skipped) only where the packages cannot be installed.
#   slurm-test.sh NETBETTI_CLI
set -euo pipefail
cli=$1

need=(munged mungekey slurmctld slurmd sbatch squeue scontrol sinfo)
missing() { for t in "${need[@]}"; do command -v "$t" >/dev/null || [ -x "/usr/sbin/$t" ] || return 0; done; return 1; }
if missing && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    munge slurmctld slurmd slurm-client >/dev/null 2>&1 || true
fi
if missing; then
  echo "skipped: Slurm (munge, slurmctld, slurmd, slurm-client) is not installed and cannot be"
  exit 77
fi
export PATH=$PATH:/usr/sbin

tmp=$(mktemp -d /tmp/netbetti-slurm.XXXXXX)
chmod 755 "$tmp" # munged's socket must be reachable
pids=()
job=
cleanup() {
  set +e
  [ -n "$job" ] && scancel "$job" 2>/dev/null
  for _ in $(seq 50); do [ -z "$job" ] || [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break; sleep 0.2; done
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[i]}" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  if [ "${keep:-}" != 1 ]; then rm -rf "$tmp"; else echo "kept $tmp"; fi
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; for f in "$tmp"/*.log; do echo "--- $f"; tail -20 "$f"; done; keep=${NETBETTI_KEEP_SLURM:-}; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
host=$(hostname -s)

# munge, on a socket and key of its own.
mungekey --create --keyfile="$tmp/munge.key" --force
chmod 600 "$tmp/munge.key"
munged --foreground --force --socket="$tmp/munge.sock" --key-file="$tmp/munge.key" \
  --pid-file="$tmp/munged.pid" --log-file="$tmp/munged.log" --seed-file="$tmp/munged.seed" \
  >"$tmp/munged.out.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -S "$tmp/munge.sock" ] && break; sleep 0.1; done
[ -S "$tmp/munge.sock" ] || fail "munged did not start"

mkdir -p "$tmp/state" "$tmp/spool"
cat > "$tmp/slurm.conf" <<CONF
ClusterName=netbetti-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
AuthType=auth/munge
AuthInfo=socket=$tmp/munge.sock
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MpiDefault=none
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=4000 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$tmp/slurm.conf
slurmctld -D -i -f "$SLURM_CONF" >"$tmp/slurmctld.out.log" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$host" >"$tmp/slurmd.out.log" 2>&1 &
pids+=($!)
for _ in $(seq 150); do
  [ "$(sinfo -h -o %T 2>/dev/null)" = idle ] && break
  sleep 0.2
done
[ "$(sinfo -h -o %T 2>/dev/null)" = idle ] || fail "the node did not come up: $(sinfo 2>&1)"

# A 2x2 grid on the ripser engine, each epoch slowed by its ripser so that a task can be
# requeued while it runs.
cat > "$tmp/slow-ripser" <<'SH'
#!/bin/sh
sleep 0.3
exec ripser "$@"
SH
chmod +x "$tmp/slow-ripser"
export NETBETTI_RIPSER=$tmp/slow-ripser NETBETTI_SLURM_POLL_SECONDS=0.5
cat > "$tmp/grid.json" <<'JSON'
{"base": {"name": "slurm", "dataset": {"kind": "ball-in-cube", "dim": 4, "samples": 200},
          "model": {"layers": [4, 8, 2]}, "training": {"epochs": 8},
          "analysis": {"engine": "ripser"}},
 "vary": {"model.layers": [[4, 8, 2], [4, 12, 2]], "seed": [1, 2]}}
JSON
sweep=$tmp/sweep
"$cli" sweep "$tmp/grid.json" --out "$sweep" --slurm --detach 2>"$tmp/submit.log" || fail "submit: $(cat "$tmp/submit.log")"
job=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["slurm_job"])' "$sweep/sweep.json")
[ -n "$job" ] || fail "no job id in sweep.json"
grep -q "submitted Slurm job array $job: 4 tasks" "$tmp/submit.log" || fail "submit said: $(cat "$tmp/submit.log")"
grep -q -- "--mem=" "$sweep/slurm/array.sh" || fail "no memory request in the job script"

# Requeue task 0 once its run has listed two epochs.
first=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["runs"][0]["name"])' "$sweep/sweep.json")
listed() { python3 -c 'import json,sys
try: print(len(json.load(open(sys.argv[1]))["epochs"]))
except Exception: print(0)' "$sweep/runs/$first/run.json"; }
for _ in $(seq 600); do [ "$(listed)" -ge 2 ] && break; sleep 0.1; done
[ "$(listed)" -ge 2 ] || fail "task 0 did not start: $(squeue 2>&1)"
[ "$(listed)" -lt 9 ] || fail "task 0 ended before it could be requeued"
scontrol requeue "${job}_0" || fail "scontrol requeue ${job}_0"
# Slurm holds a requeued job back a while (its begin time moves on); once it
# is pending again, let it go at once.
for _ in $(seq 100); do [ "$(squeue -h -j "${job}_0" -o %T)" = PENDING ] && break; sleep 0.1; done
scontrol update jobid="${job}_0" starttime=now || fail "scontrol update ${job}_0 starttime=now"

# The same command without --detach waits for the job, then writes distances.csv.
"$cli" sweep "$tmp/grid.json" --out "$sweep" --slurm 2>"$tmp/wait.log" || fail "wait: $(cat "$tmp/wait.log")"
grep -q "waiting for Slurm job $job" "$tmp/wait.log" || fail "did not wait for the job: $(cat "$tmp/wait.log")"
grep -q "sweep: 4 of 4 runs finished, 0 failed" "$tmp/wait.log" || fail "$(cat "$tmp/wait.log")"
grep -q "resuming run folder" "$sweep"/logs/slurm-"${job}"_0.log || fail "the requeued task did not resume: $(cat "$sweep"/logs/slurm-"${job}"_0.log)"

# The requeued run equals a standalone run of its spec.
NETBETTI_RIPSER=ripser "$cli" run "$sweep/specs/$first.json" --out "$tmp/standalone" 2>/dev/null || fail "standalone run"
python3 - "$sweep" "$first" "$tmp/standalone" <<'PY' || fail "results differ"
import json, os, sys
sweep, first, alone = sys.argv[1:]
index = json.load(open(os.path.join(sweep, "sweep.json")))
assert [r["status"] for r in index["runs"]] == ["finished"] * 4, index["runs"]
rows = open(os.path.join(sweep, "distances.csv")).read().split("\n")[1:-1]
assert len(rows) == 6 * 2, rows
assert len({tuple(r.split(",")[:2]) for r in rows}) == 6, rows
assert all(r.split(",")[2] == "8" for r in rows), rows
ours = os.path.join(sweep, "runs", first)
def files(d):
    return sorted(os.path.relpath(os.path.join(p, f), d) for p, _, fs in os.walk(d) for f in fs)
assert files(ours) == files(alone), (files(ours), files(alone))
for f in files(alone):
    if f != "run.json" and not f.startswith("state/optimizer"):
        assert open(os.path.join(ours, f), "rb").read() == open(os.path.join(alone, f), "rb").read(), f
a = json.load(open(os.path.join(ours, "run.json")))["epochs"]
b = json.load(open(os.path.join(alone, "run.json")))["epochs"]
assert [e["loss"] for e in a] == [e["loss"] for e in b]
assert [e.get("bottleneck_to_previous") for e in a] == [e.get("bottleneck_to_previous") for e in b]
print("slurm sweep: 4 runs finished, task 0 requeued and resumed to the standalone run's files")
PY
job=
echo "1 passed, 0 failed"
