output "storage_aws_iam_user_arn" {
  value = snowflake_storage_integration.raw_zone.storage_aws_iam_user_arn
}

output "storage_aws_external_id" {
  value = snowflake_storage_integration.raw_zone.storage_aws_external_id
}

output "database_name" {
  value = snowflake_database.this.name
}

output "warehouse_names" {
  value = { for name, warehouse in snowflake_warehouse.this : name => warehouse.name }
}

output "pipeline_user_name" {
  value = snowflake_service_user.pipeline.name
}
