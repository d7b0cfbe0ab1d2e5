# One job definition per app, named northstar-<app>, plus northstar-launcher.
# Batch substitutes Ref:: in the command only.
locals {
  # Batch retries a failure that matches no rule, so the last rule exits.
  retry_rules = [
    { on_exit_code = "75", on_status_reason = null, on_reason = null, action = "RETRY" },
    { on_exit_code = null, on_status_reason = "Task failed to start*", on_reason = null, action = "RETRY" },
    { on_exit_code = null, on_status_reason = "Host EC2*", on_reason = null, action = "RETRY" },
    { on_exit_code = null, on_status_reason = "Your Spot Task was interrupted*", on_reason = null, action = "RETRY" },
    { on_exit_code = null, on_status_reason = null, on_reason = "*", action = "EXIT" },
  ]
  secret_variables = {
    "orders-db"     = "ORDERS_DB_URL"
    "stripe"        = "STRIPE_API_KEY"
    "zendesk"       = "ZENDESK_API_TOKEN"
    "snowflake-key" = "SNOWFLAKE_PRIVATE_KEY"
    "mask-key"      = "NORTHSTAR_MASK_KEY"
  }
  # The launcher submits each extractor sized for more than one shard as an
  # array job of that many (orchestrator --extract-shards): "extract-orders-db=4,...".
  extract_shards = join(",", [for app, job in var.jobs : "${app}=${job.shards}" if startswith(app, "extract-") && job.shards > 1])
  # Only the orchestrator's definitions (launcher, backfill entry) read them:
  # the backfills they submit run on the backfill warehouse.
  launcher_variables = { NORTHSTAR_EXTRACT_SHARDS = local.extract_shards, NORTHSTAR_BACKFILL_WAREHOUSE = var.backfill_warehouse_name }
  # The values of the settings apps take one by one (local.apps[*].settings).
  settings = merge(var.source_settings, { NORTHSTAR_ALERTS_TOPIC_ARN = var.alerts_topic_arn })
}

resource "aws_batch_job_definition" "app" {
  for_each              = local.job_definitions
  name                  = "northstar-${each.key}"
  type                  = "container"
  platform_capabilities = ["FARGATE"]
  propagate_tags        = true
  parameters            = each.value.parameters

  timeout {
    attempt_duration_seconds = var.jobs[each.value.sizing].timeout_seconds
  }

  retry_strategy {
    attempts = 3
    dynamic "evaluate_on_exit" {
      for_each = local.retry_rules
      content {
        on_exit_code     = evaluate_on_exit.value.on_exit_code
        on_status_reason = evaluate_on_exit.value.on_status_reason
        on_reason        = evaluate_on_exit.value.on_reason
        action           = evaluate_on_exit.value.action
      }
    }
  }

  container_properties = jsonencode({
    image            = "${var.image_repository}:${each.value.app}-${var.image_tag}"
    command          = each.value.command
    jobRoleArn       = aws_iam_role.job[each.value.app].arn
    executionRoleArn = aws_iam_role.execution[each.value.app].arn
    resourceRequirements = [
      { type = "VCPU", value = tostring(var.jobs[each.value.sizing].vcpu) },
      { type = "MEMORY", value = tostring(var.jobs[each.value.sizing].memory_mib) },
    ]
    networkConfiguration         = { assignPublicIp = "DISABLED" }
    fargatePlatformConfiguration = { platformVersion = "LATEST" }
    runtimePlatform              = { operatingSystemFamily = "LINUX", cpuArchitecture = "X86_64" }
    environment = [
      for name, value in merge(
        # V8's old generation at a quarter of the task's memory, as Node sizes it
        # from the container's limit, stated so the benches reproduce it
        # (docs/performance-sources.md, Zendesk).
        { NODE_OPTIONS = "--max-old-space-size=${floor(var.jobs[each.value.sizing].memory_mib / 4)}" },
        var.environment_variables,
        { for name in local.apps[each.value.app].settings : name => local.settings[name] },
        each.value.app == "orchestrator" ? local.launcher_variables : {},
        each.value.environment,
      ) : { name = name, value = value }
    ]
    secrets = [
      for secret in local.apps[each.value.app].secrets : { name = local.secret_variables[secret], valueFrom = aws_secretsmanager_secret.this[secret].arn }
    ]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        "awslogs-group"         = aws_cloudwatch_log_group.jobs.name
        "awslogs-stream-prefix" = each.value.app
      }
    }
  })
  tags = var.tags
}

# The no-op job a node with more than 20 upstream jobs waits on instead
# (SubmitJob takes at most 20 dependsOn): the orchestrator's image printing
# its help, which exits 0.
resource "aws_batch_job_definition" "barrier" {
  name                  = "northstar-barrier"
  type                  = "container"
  platform_capabilities = ["FARGATE"]
  propagate_tags        = true
  timeout {
    attempt_duration_seconds = 300
  }
  retry_strategy {
    attempts = 3
    dynamic "evaluate_on_exit" {
      for_each = local.retry_rules
      content {
        on_exit_code     = evaluate_on_exit.value.on_exit_code
        on_status_reason = evaluate_on_exit.value.on_status_reason
        on_reason        = evaluate_on_exit.value.on_reason
        action           = evaluate_on_exit.value.action
      }
    }
  }
  container_properties = jsonencode({
    image            = "${var.image_repository}:orchestrator-${var.image_tag}"
    command          = ["--help"]
    executionRoleArn = aws_iam_role.execution["orchestrator"].arn
    resourceRequirements = [
      { type = "VCPU", value = "0.25" },
      { type = "MEMORY", value = "512" },
    ]
    networkConfiguration         = { assignPublicIp = "DISABLED" }
    fargatePlatformConfiguration = { platformVersion = "LATEST" }
  })
  tags = var.tags
}
