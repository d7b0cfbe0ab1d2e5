output "alerts_topic_arn" {
  value = aws_sns_topic.alerts.arn
}

output "alerts_kms_key_arn" {
  value = aws_kms_key.alerts.arn
}
