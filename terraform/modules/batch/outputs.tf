output "job_queue_arns" {
  value = { for name, queue in aws_batch_job_queue.this : name => queue.arn }
}

output "job_definition_arns" {
  value = { for name, definition in aws_batch_job_definition.app : name => definition.arn }
}

output "job_definition_arn_prefixes" {
  value = { for name, definition in aws_batch_job_definition.app : name => definition.arn_prefix }
}

output "log_group_name" {
  value = aws_cloudwatch_log_group.jobs.name
}

output "secret_arns" {
  value = { for name, secret in aws_secretsmanager_secret.this : name => secret.arn }
}
