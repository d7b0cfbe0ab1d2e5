# EventBridge Scheduler starts the launcher (northstar-launcher) once per
# schedule. It has no Batch target type: the universal target calls
# SubmitJob with the API's own casing, the scheduled time in Parameters. Its
# retries cover that call only; the launcher's retry strategy covers the job.
#
# The monthly retention job is the one schedule that is not a launch: it
# submits the load app's retention job (northstar-retention) to the backfill
# queue, where it takes no capacity from the hourly runs.
locals {
  targets = {
    launcher  = { job_queue_arn = var.job_queue_arn, job_definition_arn = var.launcher_job_definition_arn }
    retention = { job_queue_arn = var.backfill_job_queue_arn, job_definition_arn = var.retention_job_definition_arn }
  }
  schedules = {
    hourly = {
      # Five past the hour: the hour is closed and the safety lag has passed.
      expression = "cron(5 * * * ? *)"
      target     = "launcher"
      parameters = { mode = "hourly", at = "<aws.scheduler.scheduled-time>" }
    }
    nightly = {
      expression = "cron(30 2 * * ? *)"
      target     = "launcher"
      parameters = { mode = "nightly", at = "<aws.scheduler.scheduled-time>" }
    }
    # The 1st of the month, after the nightly: the hot period ends at the
    # scheduled time, so the month that just passed 3 years goes.
    retention = {
      expression = "cron(0 5 1 * ? *)"
      target     = "retention"
      parameters = { at = "<aws.scheduler.scheduled-time>" }
    }
  }
}

resource "aws_scheduler_schedule_group" "this" {
  name = var.name_prefix
  tags = var.tags
}

resource "aws_scheduler_schedule" "this" {
  for_each                     = local.schedules
  name                         = "${var.name_prefix}-${each.key}"
  group_name                   = aws_scheduler_schedule_group.this.name
  schedule_expression          = each.value.expression
  schedule_expression_timezone = "UTC"
  state                        = var.enabled ? "ENABLED" : "DISABLED"

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = "arn:aws:scheduler:::aws-sdk:batch:submitJob"
    role_arn = aws_iam_role.scheduler.arn
    input = jsonencode({
      JobName       = each.value.target == "launcher" ? "northstar-launch-${each.key}" : "northstar-${each.key}"
      JobQueue      = local.targets[each.value.target].job_queue_arn
      JobDefinition = local.targets[each.value.target].job_definition_arn
      Parameters    = each.value.parameters
    })

    # A late hour is a new hour: give up on a SubmitJob after 15 minutes
    # (a lost monthly retention run is taken up by the next month's).
    retry_policy {
      maximum_event_age_in_seconds = 900
      maximum_retry_attempts       = 2
    }

    dead_letter_config {
      arn = aws_sqs_queue.dead_letters.arn
    }
  }
}

resource "aws_sqs_queue" "dead_letters" {
  name                      = "${var.name_prefix}-schedule-dead-letters"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
  tags                      = var.tags
}

data "aws_iam_policy_document" "scheduler_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.name_prefix}-scheduler"
  assume_role_policy = data.aws_iam_policy_document.scheduler_trust.json
  tags               = var.tags
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "StartLauncher"
    actions   = ["batch:SubmitJob"]
    resources = [var.job_queue_arn, "${var.launcher_job_definition_arn_prefix}:*"]
  }
  statement {
    sid       = "StartRetention"
    actions   = ["batch:SubmitJob"]
    resources = [var.backfill_job_queue_arn, "${var.retention_job_definition_arn_prefix}:*"]
  }
  statement {
    sid       = "DeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letters.arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "start-jobs"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}
