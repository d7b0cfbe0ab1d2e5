# EventBridge Scheduler starts the launcher (northstar-launcher) once per
# schedule. It has no Batch target type: the universal target calls
# SubmitJob with the API's own casing, the scheduled time in Parameters. Its
# retries cover that call only; the launcher's retry strategy covers the job.
locals {
  schedules = {
    hourly = {
      # Five past the hour: the hour is closed and the safety lag has passed.
      expression = "cron(5 * * * ? *)"
      mode       = "hourly"
    }
    nightly = {
      expression = "cron(30 2 * * ? *)"
      mode       = "nightly"
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
      JobName       = "northstar-launch-${each.key}"
      JobQueue      = var.job_queue_arn
      JobDefinition = var.launcher_job_definition_arn
      Parameters = {
        mode = each.value.mode
        at   = "<aws.scheduler.scheduled-time>"
      }
    })

    # A late hour is a new hour: give up on a SubmitJob after 15 minutes.
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
    sid       = "DeadLetters"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letters.arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "start-launcher"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}
