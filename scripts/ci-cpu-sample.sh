#!/bin/bash
# Samples every process's cumulative CPU time (with its parent) every 2 s until the file /tmp/samp/stop exists,
# to see where a CI run's CPU goes: run it beside `.ci/run` (outside its flock), output to a file, then
# `python3 scripts/ci-cpu-report.py FILE` sums it by kind of process and by the e2e file that started it.
mkdir -p /tmp/samp
while [ ! -f /tmp/samp/stop ]; do
  echo "T $(date +%s)"
  ps -eo pid=,ppid=,times=,args= | awk '{pid=$1; pp=$2; t=$3; $1="";$2="";$3=""; print "P", pid, pp, t, substr($0,4,400)}'
  sleep 2
done
