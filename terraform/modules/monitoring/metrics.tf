# The pipeline's own figures, from fields of its JSON log lines (pino), so no
# app needs CloudWatch permissions to publish them.
locals {
  namespace = "Northstar/${var.environment}"
  metrics = {
    FreshnessLagMinutes = {
      pattern = "{ $.freshnessLagMinutes = * }"
      value   = "$.freshnessLagMinutes"
    }
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
    freshness = { metric = "FreshnessLagMinutes", statistic = "Maximum", threshold = 45, period = 3600, missing = "breaching" }
    quality   = { metric = "QualityErrors", statistic = "Sum", threshold = 0, period = 3600, missing = "notBreaching" }
    # NORTHSTAR_OPEN_WRITER_WARN_MINUTES: an open writer holds every window's end.
    held_window = { metric = "WindowHeldBackMinutes", statistic = "Maximum", threshold = 15, period = 3600, missing = "notBreaching" }
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
  namespace           = local.namespace
  metric_name         = each.value.metric
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
