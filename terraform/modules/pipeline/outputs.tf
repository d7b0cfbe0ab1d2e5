output "raw_bucket" {
  value = module.storage.bucket_names["raw"]
}

output "alerts_topic_arn" {
  value = module.monitoring.alerts_topic_arn
}

output "secret_arns" {
  value = module.batch.secret_arns
}
