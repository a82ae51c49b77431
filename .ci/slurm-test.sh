#!/usr/bin/env bash
# The Slurm recipe of docs/cluster.md on a real one-node Slurm cluster (Debian's slurm-wlm on the loopback):
#   1. submits docs/cluster/phase.sbatch as a job array (sbatch --array) and the merge job with --dependency=afterok,
#      as docs/cluster.md does, with a small grid and array size given on the sbatch command line;
#   2. interrupts array task 2 with scancel --signal=INT once it has finished a run; the task requeues itself and
#      continues with --resume;
#   3. checks that the merged result is bit-identical to the same sweep run by one process.
# Exit status: 0 passed, 1 failed, 77 skipped (Slurm could not be installed or started; the reason is printed).
set -uo pipefail
cd "$(dirname "$0")/.."
say() { echo "slurm test: $*"; }
skip() { say "SKIPPED — $*"; exit 77; }

# docs/cluster.md shows the batch script this test submits; they must not drift apart.
shown=$(awk '/this block is the file/{found=1; next} found && /^```bash$/{inside=1; next} inside && /^```$/{exit} inside' docs/cluster.md)
if [ "$shown" != "$(cat docs/cluster/phase.sbatch)" ]; then
  say "FAILED — the batch script in docs/cluster.md is not docs/cluster/phase.sbatch"
  exit 1
fi

if ! command -v sbatch >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
  say "installing Debian's slurm-wlm"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm) >/dev/null 2>&1 \
    || skip "could not install slurm-wlm with apt-get"
fi

work=$(mktemp -d /tmp/mmcl-slurm.XXXXXX)
# shellcheck source=.ci/slurm-cluster.sh
source .ci/slurm-cluster.sh
failed=0
cleanup() {
  # Only this test's private cluster is addressed (SLURM_CONF points at it).
  [ -n "${SLURM_CONF:-}" ] && scancel --full --user "$(id -un)" >/dev/null 2>&1 && sleep 1
  slurm_stop
  if [ "$failed" -eq 0 ]; then rm -rf "$work"; else say "logs kept in $work"; fi
}
trap cleanup EXIT
fail() {
  failed=1
  say "FAILED — $*"
  for log in "$work"/*.out; do [ -f "$log" ] && { echo "--- $log"; tail -n 20 "$log"; }; done
  exit 1
}
slurm_start "$work/cluster" || skip "$slurm_reason"
say "one-node cluster up ($(sinfo -h -N -o '%N, %c CPUs'))"

started=$(date +%s)
deadline=$((started + 270))
sweep="$work/sweep"
grid=(--snr 0.5:4:3 --c-mu 1:3:3 --seeds 2 --steps 40)

# The docs' recipe: the array job, then the merge job once every task has ended well. Only the array size, the
# resources and the log folder differ (sbatch command-line options override the script's #SBATCH lines).
jobid=$(sbatch --parsable --array=1-3 --cpus-per-task=1 --mem=1G --output="$work/phase-%A-%a.out" \
  docs/cluster/phase.sbatch "${grid[@]}" --out "$sweep") || fail "sbatch of the job array failed"
mergeid=$(sbatch --parsable --dependency="afterok:${jobid}" --output="$work/merge-%j.out" \
  --wrap "npx mmcl merge $sweep --out $sweep/merged") || fail "sbatch of the merge job failed"
say "job array ${jobid} (3 tasks), merge job ${mergeid}"

job_field() { scontrol show job "$1" 2>/dev/null | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1; }

# Task 2 is interrupted once it has saved a finished run, while runs remain.
tasks="$sweep/.shard-2-of-3.partial/.tasks"
until [ "$(ls "$tasks" 2>/dev/null | grep -c '\.json$')" -ge 1 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "task 2 saved no run in time"
  sleep 0.1
done
scancel --signal=INT "${jobid}_2" || fail "scancel --signal=INT ${jobid}_2 failed"
until [ "$(job_field "${jobid}_2" Restarts)" = 1 ] && [ "$(job_field "${jobid}_2" JobState)" = PENDING ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "task 2 was not requeued after SIGINT (state $(job_field "${jobid}_2" JobState))"
  sleep 0.5
done
kept=$(ls "$tasks" | grep -c '\.json$')
say "task 2 interrupted with ${kept} of 8 runs finished, and requeued"
[ "$kept" -lt 8 ] || fail "task 2 had finished all its runs before the interrupt; nothing was left to resume"
# Slurm holds a requeued job for about two minutes; release it now.
scontrol update JobId="${jobid}_2" StartTime=now || fail "could not release the requeued task"

until [ "$(job_field "$mergeid" JobState)" = COMPLETED ]; do
  state=$(job_field "$mergeid" JobState)
  case "$state" in FAILED|CANCELLED|TIMEOUT) fail "the merge job ended ${state}" ;; esac
  [ "$(date +%s)" -lt "$deadline" ] || fail "the merge job did not finish in time (state ${state:-unknown})"
  sleep 1
done
out2="$work/phase-${jobid}-2.out"
grep -q 'interrupted; requeueing' "$out2" || fail "task 2's log does not show the interrupt"
grep -q "resumed ${kept} finished run" "$out2" || fail "task 2 did not resume its ${kept} finished runs"
say "merge job done after $(($(date +%s) - started)) s"

# The same sweep in one process.
npx mmcl phase "${grid[@]}" --quiet --out "$work/whole" >"$work/whole.out" 2>&1 || fail "the one-process sweep failed"
for file in phase.json phase.csv phase-runs.csv phase.svg; do
  cmp -s "$work/whole/$file" "$sweep/merged/$file" || fail "merged $file differs from the one-process run"
done
say "passed: merged phase.json, phase.csv, phase-runs.csv, phase.svg are bit-identical to the one-process run ($(($(date +%s) - started)) s)"
