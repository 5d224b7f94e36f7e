#!/usr/bin/env bash
# Sharded builds on a real batch engine. Starts a single-node Slurm from
# Debian's packages (munged, slurmctld and slurmd on 127.0.0.1, as root),
# submits deploy/slurm/packager.sbatch as a 3-task array over a 12-lesson
# course served by the loopback server, and checks that: the merge equals a
# one-machine build byte for byte (the report apart from its run section);
# each video is downloaded once across the tasks; a killed task re-run alone
# (sbatch --array=2) gives the same merge; a merge of an incomplete set, of a
# shard twice, or of shards of other inputs fails naming the cause. Then the
# same with 3 shards run at once as plain processes over one cache. Every
# daemon started is stopped on exit.
source "$E2E_LIB"
source "$SOURCE_DIR/tests/e2e/lib/served_course.bash"
[ "$(id -u)" = 0 ] || fail "this scenario starts Slurm daemons and must run as root (as CI does)"
for tool in munged slurmctld slurmd sbatch squeue sinfo; do
  command -v "$tool" >/dev/null || fail "$tool is missing (scripts/install-deps.sh installs slurm-wlm and munge)"
done

S="$WORK/slurm"
mkdir -p "$S"/{state,spool,log,run,munge}
chmod 700 "$S/munge"
stop_slurm() {
  local pid
  for f in "$S/run/slurmd.pid" "$S/run/slurmctld.pid" "$S/munge/munged.pid"; do
    [ -s "$f" ] || continue
    pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap 'stop_slurm; cleanup' EXIT

# Two free loopback ports for slurmctld and slurmd, below the kernel's
# ephemeral range (a client connection's local port would also make bind()
# fail) and used by no socket in any state.
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 12000))
    ss -tanH "( sport = :$p or dport = :$p )" | grep -q . || { echo "$p"; return; }
  done
}
dd if=/dev/urandom of="$S/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$S/munge/munge.key"
munged --key-file="$S/munge/munge.key" --socket="$S/munge/munge.socket" --pid-file="$S/munge/munged.pid" \
  --log-file="$S/munge/munged.log" --seed-file="$S/munge/seed" --force
host=$(hostname -s)
export SLURM_CONF="$S/slurm.conf"
# write_conf: slurm.conf on two fresh ports.
write_conf() {
  ctld_port=$(free_port)
  slurmd_port=$(free_port)
  while [ "$slurmd_port" = "$ctld_port" ]; do slurmd_port=$(free_port); done
  cat >"$S/slurm.conf" <<CONF
ClusterName=packager
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
AuthInfo=socket=$S/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/run/slurmctld.pid
SlurmdPidFile=$S/run/slurmd.pid
SlurmctldLogFile=$S/log/slurmctld.log
SlurmdLogFile=$S/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
}
# The controller on fresh ports until one binds (another program may take a
# port between the check and the bind): it exits at once when it cannot.
for attempt in 1 2 3 4 5; do
  write_conf
  slurmctld -f "$SLURM_CONF"
  for _ in $(seq 1 50); do ss -ltnH "sport = :$ctld_port" | grep -q . && break; sleep 0.1; done
  ss -ltnH "sport = :$ctld_port" | grep -q . && break
  [ -s "$S/run/slurmctld.pid" ] && kill "$(cat "$S/run/slurmctld.pid")" 2>/dev/null || true
  rm -f "$S/run/slurmctld.pid"
  [ "$attempt" = 5 ] && fail "slurmctld did not start: $(tail -3 "$S/log/slurmctld.log")"
done
slurmd -f "$SLURM_CONF"
# `timeout`: with no controller listening, sinfo retries for a long time.
for _ in $(seq 1 100); do [ "$(timeout 5 sinfo -h -o %t 2>/dev/null)" = idle ] && break; sleep 0.2; done
[ "$(timeout 5 sinfo -h -o %t)" = idle ] || fail "the Slurm node did not come up: $(tail -5 "$S/log/slurmctld.log" "$S/log/slurmd.log")"

# wait_job ID: until the job (every task of an array) has left the queue.
wait_job() {
  for _ in $(seq 1 600); do
    [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && return 0
    sleep 0.2
  done
  fail "job $1 did not finish: $(squeue)"
}

make_served_videos "$WORK" 12
start_server "$WORK/served"
write_lessons "$WORK" 12
write_course "$WORK/course.yaml" scale 1 2 3 4 5 6 7 8 9 10 11 12
export SOURCE_DATE_EPOCH=1700000000

# One machine, its own cache: the reference.
XDG_CACHE_HOME="$WORK/ref-cache" run_packager -q build "$WORK/course.yaml" -o "$WORK/ref" --format both
expect_status 0
# same_bundle A B: the same files with the same bytes, the report apart
# from its run section.
same_bundle() {
  diff <(cd "$1" && find . -type f ! -name build-report.json -print0 | sort -z | xargs -0 sha256sum) \
       <(cd "$2" && find . -type f ! -name build-report.json -print0 | sort -z | xargs -0 sha256sum) ||
    fail "$2 differs from $1"
  diff <(jq -S 'del(.run)' "$1/build-report.json") <(jq -S 'del(.run)' "$2/build-report.json") ||
    fail "the reports of $1 and $2 differ"
}

# The Slurm array.
out="$WORK/out"
mkdir -p "$out"
job=$(COURSE="$WORK/course.yaml" OUT="$out" CACHE_DIR="$WORK/shared-cache" PACKAGER="$PACKAGER" \
  PACKAGER_OPTS="--format both -q" sbatch --parsable --array=1-3 --export=ALL -o "$S/log/task-%a.out" \
  "$SOURCE_DIR/deploy/slurm/packager.sbatch")
wait_job "$job"
for i in 1 2 3; do
  [ -s "$out/shard-$i/shard.json" ] || fail "task $i wrote no shard: $(cat "$S/log/task-$i.out")"
done
run_packager -q merge "$out"/shard-* -o "$out/course"
expect_status 0
[ "$STDOUT" = "$out/course/scorm/scale-1.0.0-scorm12.zip
$out/course/index.html" ] || fail "merge printed: $STDOUT"
same_bundle "$WORK/ref" "$out/course"
run_packager verify "$out/course"
expect_status 0
# The lessons are shared out: 4 per shard, none twice.
[ "$(cat "$out"/shard-*/shard.json | jq -r '.lessons[].slug' | sort | uniq | wc -l)" = 12 ] ||
  fail "the shards do not hold the 12 lessons once each"
for i in 1 2 3; do
  [ "$(jq '.lessons | length' "$out/shard-$i/shard.json")" = 4 ] || fail "shard $i is unbalanced"
done

# A task killed half-way and re-run alone: its folder is redone.
rm -rf "$out/shard-2"
mkdir -p "$out/shard-2/.packager-work-killed"
job=$(COURSE="$WORK/course.yaml" OUT="$out" CACHE_DIR="$WORK/shared-cache" PACKAGER="$PACKAGER" \
  PACKAGER_OPTS="--format both -q" sbatch --parsable --array=2 --export=ALL -o "$S/log/rerun-%a.out" \
  "$SOURCE_DIR/deploy/slurm/packager.sbatch")
wait_job "$job"
[ -s "$out/shard-2/shard.json" ] || fail "the re-run task wrote no shard: $(cat "$S/log/rerun-2.out")"
[ ! -e "$out/shard-2/.packager-work-killed" ] || fail "the killed task's work folder is left"
run_packager -q merge "$out/shard-3" "$out/shard-1" "$out/shard-2" -o "$out/course2"
expect_status 0
same_bundle "$WORK/ref" "$out/course2"

# Refused merges, each naming the cause.
run_packager merge "$out/shard-1" "$out/shard-3" -o "$WORK/bad"
expect_status 3
expect_stderr "packager: error: shard 2 of 3 is missing (run \`packager build --shard 2/3\` and give its folder)"
run_packager merge "$out/shard-1" "$out/shard-2" "$out/shard-2" "$out/shard-3" -o "$WORK/bad"
expect_status 3
expect_stderr "packager: error: shard 2 of 3 given twice: <work>/out/shard-2 and <work>/out/shard-2"
sed -i 's/Texte de la leçon 5\./Texte révisé./' "$WORK/lessons/lesson5.md"
run_packager -q build "$WORK/course.yaml" --shard 1/3 -o "$WORK/shard-1-new" --format both \
  --cache-dir "$WORK/shared-cache"
expect_status 0
run_packager merge "$WORK/shard-1-new" "$out/shard-2" "$out/shard-3" -o "$WORK/bad"
expect_status 3
expect_stderr "packager: error: <work>/out/shard-2: built from other inputs or settings than <work>/shard-1-new (a lesson, the course, a template or an option differs); rebuild it"
[ ! -e "$WORK/bad" ] || [ -z "$(ls -A "$WORK/bad")" ] || fail "a refused merge wrote files"
sed -i 's/Texte révisé\./Texte de la leçon 5./' "$WORK/lessons/lesson5.md"

# 3 shards at once as plain processes over one fresh cache.
pids=()
for i in 1 2 3; do
  "$PACKAGER" -q build "$WORK/course.yaml" --shard "$i/3" -o "$WORK/plain/shard-$i" --format both \
    --cache-dir "$WORK/plain-cache" >"$WORK/plain-$i.log" 2>&1 &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || fail "a plain shard failed: $(cat "$WORK"/plain-*.log)"; done
run_packager -q merge "$WORK"/plain/shard-* -o "$WORK/plain/course"
expect_status 0
same_bundle "$WORK/ref" "$WORK/plain/course"

# Each video was downloaded once by the reference build, once across the
# Slurm tasks (the re-run task found it in the shared cache), and once
# across the plain shards.
stop_server
for k in $(seq 1 12); do
  line=$(grep "^/lesson$k-1080-fragmented.mp4 " "$WORK/server-stats") || fail "video $k was never requested"
  [ "$(echo "$line" | cut -d' ' -f3)" = 3 ] || fail "video $k: expected 3 downloads in all, got: $line"
done
stop_slurm
echo "ok"
