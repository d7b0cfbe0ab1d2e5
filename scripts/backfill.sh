#!/usr/bin/env bash
# Starts a backfill on AWS Batch: the orchestrator's backfill entry
# (job definition northstar-orchestrator) on the low-priority backfill queue,
# which submits the window's job graph there, so hourly runs keep their queue.
#
#   scripts/backfill.sh --start 2026-08-01 --end 2026-10-30 [--sources orders_db,stripe] [--dry-run]
#
# Days are UTC; --end is exclusive (the window is [start 00:00, end 00:00)).
# Needs the AWS CLI with credentials for the environment's account.
set -euo pipefail

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

start="" end="" sources="" dry_run=""
queue="${NORTHSTAR_BACKFILL_QUEUE:-backfill}"
definition="${NORTHSTAR_BACKFILL_DEFINITION:-northstar-orchestrator}"
while [ "$#" -gt 0 ]; do
  case "$1" in
    --start) start="${2:-}"; shift 2 ;;
    --end) end="${2:-}"; shift 2 ;;
    --sources) sources="${2:-}"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) usage ;;
    *) echo "backfill.sh: unknown argument '$1'" >&2; usage ;;
  esac
done

day() {
  local flag="$1" value="$2"
  if ! [[ "$value" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || [ "$(date -u -d "$value" +%F 2>/dev/null)" != "$value" ]; then
    echo "backfill.sh: $flag expects a day such as 2026-08-01, got '$value'" >&2
    exit 2
  fi
  echo "${value}T00:00:00Z"
}

[ -n "$start" ] && [ -n "$end" ] || { echo "backfill.sh: --start and --end are required" >&2; usage; }
start_at="$(day --start "$start")"
end_at="$(day --end "$end")"
if [ "$(date -u -d "$end_at" +%s)" -le "$(date -u -d "$start_at" +%s)" ]; then
  echo "backfill.sh: --end ($end) must be after --start ($start); --end is exclusive" >&2
  exit 2
fi
if [ -n "$sources" ] && ! [[ "$sources" =~ ^[a-z0-9_]+(,[a-z0-9_]+)*$ ]]; then
  echo "backfill.sh: --sources expects names such as orders_db,stripe, got '$sources'" >&2
  exit 2
fi

# Job names take letters, digits, '-' and '_' only.
command=(aws batch submit-job
  --job-queue "$queue"
  --job-definition "$definition"
  --job-name "northstar-backfill-${start//-/}-${end//-/}"
  --parameters "mode=backfill,start=${start_at},end=${end_at}")
if [ -n "$sources" ]; then
  # The job definition's command has no sources; this one adds them.
  command+=(--container-overrides "{\"command\":[\"--executor\",\"batch\",\"--mode\",\"backfill\",\"--start\",\"${start_at}\",\"--end\",\"${end_at}\",\"--sources\",\"${sources}\"]}")
fi

if [ -n "$dry_run" ]; then
  printf '%q ' "${command[@]}"
  echo
else
  "${command[@]}"
fi
