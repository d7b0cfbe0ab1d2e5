# Two roles per app: the execution role (pull the image, write logs, read the
# app's own secrets into its environment) and the job role (what the code
# itself may touch). Nothing is granted on every resource except the Batch
# listing the launcher needs, which has no resource-level permission.
data "aws_iam_policy_document" "ecs_tasks_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  for_each           = local.apps
  name               = "northstar-${var.environment}-${each.key}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "execution" {
  for_each   = local.apps
  role       = aws_iam_role.execution[each.key].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "execution_secrets" {
  for_each = { for app, spec in local.apps : app => spec if length(spec.secrets) > 0 }
  statement {
    sid       = "ReadOwnSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [for secret in each.value.secrets : aws_secretsmanager_secret.this[secret].arn]
  }
}

resource "aws_iam_role_policy" "execution_secrets" {
  for_each = data.aws_iam_policy_document.execution_secrets
  name     = "read-own-secrets"
  role     = aws_iam_role.execution[each.key].id
  policy   = each.value.json
}

resource "aws_iam_role" "job" {
  for_each           = local.apps
  name               = "northstar-${var.environment}-${each.key}-job"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust.json
  tags               = var.tags
}

data "aws_iam_policy_document" "job_raw_zone" {
  for_each = { for app, spec in local.apps : app => spec if length(spec.read_prefixes) + length(spec.write_prefixes) > 0 }
  dynamic "statement" {
    for_each = length(each.value.write_prefixes) > 0 ? [1] : []
    content {
      sid       = "WriteOwnPrefixes"
      actions   = ["s3:PutObject", "s3:AbortMultipartUpload"]
      resources = [for prefix in each.value.write_prefixes : "${var.raw_bucket_arn}/${prefix}*"]
    }
  }
  statement {
    sid       = "ReadPrefixes"
    actions   = ["s3:GetObject"]
    resources = [for prefix in each.value.read_prefixes : "${var.raw_bucket_arn}/${prefix}*"]
  }
  statement {
    sid       = "ListPrefixes"
    actions   = ["s3:ListBucket"]
    resources = [var.raw_bucket_arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [for prefix in each.value.read_prefixes : "${prefix}*"]
    }
  }
  statement {
    sid       = "UseDataKey"
    actions   = length(each.value.write_prefixes) > 0 ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "job_raw_zone" {
  for_each = data.aws_iam_policy_document.job_raw_zone
  name     = "raw-zone"
  role     = aws_iam_role.job[each.key].id
  policy   = each.value.json
}

# The quality app publishes its alerts to the topic.
data "aws_iam_policy_document" "alerts" {
  statement {
    sid       = "PublishAlerts"
    actions   = ["sns:Publish"]
    resources = [var.alerts_topic_arn]
  }
  # The topic is encrypted with its own key.
  statement {
    sid       = "EncryptAlerts"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [var.alerts_kms_key_arn]
  }
}

resource "aws_iam_role_policy" "alerts" {
  for_each = { for app, spec in local.apps : app => spec if contains(spec.settings, "NORTHSTAR_ALERTS_TOPIC_ARN") }
  name     = "publish-alerts"
  role     = aws_iam_role.job[each.key].id
  policy   = data.aws_iam_policy_document.alerts.json
}

# The launcher submits and lists the run's jobs, tagging them with the run id.
data "aws_iam_policy_document" "launcher" {
  statement {
    sid     = "SubmitRunJobs"
    actions = ["batch:SubmitJob", "batch:TagResource"]
    resources = concat(
      [for queue in aws_batch_job_queue.this : queue.arn],
      # Not the retention job: its own schedule submits it.
      [for name, definition in aws_batch_job_definition.app : "${definition.arn_prefix}:*" if name != "retention"],
      ["${aws_batch_job_definition.barrier.arn_prefix}:*"],
      ["arn:aws:batch:${var.region}:${var.account_id}:job/*"],
    )
  }
  statement {
    sid       = "ListRunJobs"
    actions   = ["batch:ListJobs", "batch:DescribeJobs"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "launcher" {
  name   = "submit-run-jobs"
  role   = aws_iam_role.job["orchestrator"].id
  policy = data.aws_iam_policy_document.launcher.json
}
