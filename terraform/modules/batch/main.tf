# Two Fargate compute environments behind two queues: hourly work on regular
# Fargate at high priority, backfills on Fargate Spot at low priority, so a
# backfill never takes the capacity an hourly run needs for its 45 minutes.
resource "aws_batch_compute_environment" "this" {
  for_each = {
    hourly   = { type = "FARGATE", max_vcpus = var.hourly_max_vcpus }
    backfill = { type = "FARGATE_SPOT", max_vcpus = var.backfill_max_vcpus }
  }
  name = "${var.name_prefix}-${each.key}"
  type = "MANAGED"
  compute_resources {
    type               = each.value.type
    max_vcpus          = each.value.max_vcpus
    subnets            = var.subnet_ids
    security_group_ids = var.security_group_ids
  }
  tags = var.tags
}

locals {
  # A job stuck RUNNABLE is cancelled: a late hour is a new hour, and the next
  # launcher submits what is missing. Fargate queues can only cancel.
  runnable_reasons = [
    "CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY",
    "MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE",
    "MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT",
  ]
  queues = {
    hourly   = { priority = 100, runnable_limit_seconds = 900, environment = "hourly" }
    backfill = { priority = 10, runnable_limit_seconds = 14400, environment = "backfill" }
  }
}

resource "aws_batch_job_queue" "this" {
  for_each = local.queues
  name     = each.key
  state    = "ENABLED"
  priority = each.value.priority
  compute_environment_order {
    order               = 1
    compute_environment = aws_batch_compute_environment.this[each.value.environment].arn
  }
  dynamic "job_state_time_limit_action" {
    for_each = local.runnable_reasons
    content {
      action           = "CANCEL"
      state            = "RUNNABLE"
      reason           = job_state_time_limit_action.value
      max_time_seconds = each.value.runnable_limit_seconds
    }
  }
  tags = var.tags
}

resource "aws_cloudwatch_log_group" "jobs" {
  name              = "/northstar/${var.environment}/jobs"
  retention_in_days = 90
  tags              = var.tags
}
