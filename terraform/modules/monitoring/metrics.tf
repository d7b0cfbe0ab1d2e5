# The pipeline's own figures, from its JSON log lines (pino), so no app needs
# CloudWatch permissions to publish them. Two kinds: metric filters over log
# fields (below), and the Embedded Metric Format lines the apps write
# (libs/core/src/run-record.ts), which CloudWatch Logs turns into metrics
# itself: namespace "Northstar", dimensions App and App+Source.
locals {
  namespace     = "Northstar/${var.environment}"
  emf_namespace = "Northstar"
  metrics = {
    QualityErrors = {
      pattern = "{ $.app = \"quality\" && $.level >= 50 }"
      value   = "1"
    }
    WindowHeldBackMinutes = {
      pattern = "{ $.heldBackMinutes = * }"
      value   = "$.heldBackMinutes"
    }
  }
  alarms = {
    # The hourly promise: curated tables at most 45 minutes behind the hour.
    # The quality job's run record (EMF, App=quality) carries the largest lag
    # of the run's sources; an hour without one is an hour not checked.
    freshness = { namespace = local.emf_namespace, metric = "FreshnessLagMinutes", dimensions = { App = "quality" }, statistic = "Maximum", threshold = 45, period = 3600, missing = "breaching" }
    quality   = { namespace = local.namespace, metric = "QualityErrors", dimensions = {}, statistic = "Sum", threshold = 0, period = 3600, missing = "notBreaching" }
    # NORTHSTAR_OPEN_WRITER_WARN_MINUTES: an open writer holds every window's end.
    held_window = { namespace = local.namespace, metric = "WindowHeldBackMinutes", dimensions = {}, statistic = "Maximum", threshold = 15, period = 3600, missing = "notBreaching" }
  }
}

resource "aws_cloudwatch_log_metric_filter" "this" {
  for_each       = local.metrics
  name           = "${var.name_prefix}-${each.key}"
  log_group_name = var.log_group_name
  pattern        = each.value.pattern
  metric_transformation {
    namespace = local.namespace
    name      = each.key
    value     = each.value.value
  }
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each            = local.alarms
  alarm_name          = "${var.name_prefix}-${each.key}"
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  period              = each.value.period
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.threshold
  treat_missing_data  = each.value.missing
  alarm_actions       = [aws_sns_topic.alerts.arn]
  ok_actions          = [aws_sns_topic.alerts.arn]
  depends_on          = [aws_cloudwatch_log_metric_filter.this]
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "launch_dead_letters" {
  alarm_name          = "${var.name_prefix}-launch-dead-letters"
  alarm_description   = "The Scheduler could not start a launcher: that hour did not run"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = var.dead_letter_queue_name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alerts.arn]
  tags                = var.tags
}
