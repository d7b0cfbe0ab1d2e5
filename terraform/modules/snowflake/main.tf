# One database per environment with the five schemas of ARCHITECTURE.md,
# two warehouses under one resource monitor, and the stage COPY reads the
# raw zone through.
locals {
  # RAW_BACKFILL holds a backfill's chunks until its publish (docs/backfills.md).
  schemas = ["RAW", "RAW_BACKFILL", "STAGING", "CURATED", "ANALYTICS", "OPS"]
  # Raw and staging are rebuilt from S3 if lost (transient: no Fail-safe
  # cost); curated is permanent, with Time Travel for recovery.
  transient_schemas = ["RAW", "RAW_BACKFILL", "STAGING"]
  warehouses = {
    hourly   = var.hourly_warehouse_size
    backfill = var.backfill_warehouse_size
  }
}

resource "snowflake_database" "this" {
  name                        = var.database_name
  data_retention_time_in_days = 7
  comment                     = "Northstar ${var.environment}"
}

resource "snowflake_schema" "this" {
  for_each     = toset(local.schemas)
  database     = snowflake_database.this.name
  name         = each.key
  is_transient = contains(local.transient_schemas, each.key) ? "true" : "false"
}

resource "snowflake_resource_monitor" "pipeline" {
  name            = "${var.database_name}_MONITOR"
  credit_quota    = var.monthly_credit_quota
  frequency       = "MONTHLY"
  start_timestamp = "IMMEDIATELY"
  notify_triggers = [75, 90]
  suspend_trigger = 100
}

resource "snowflake_warehouse" "this" {
  for_each            = local.warehouses
  name                = upper("${var.database_name}_${each.key}")
  warehouse_size      = each.value
  auto_suspend        = 60
  auto_resume         = "true"
  initially_suspended = true
  resource_monitor    = snowflake_resource_monitor.pipeline.name
}

resource "snowflake_storage_integration" "raw_zone" {
  name                      = "${var.database_name}_RAW_ZONE"
  type                      = "EXTERNAL_STAGE"
  storage_provider          = "S3"
  enabled                   = true
  storage_aws_role_arn      = var.storage_role_arn
  storage_allowed_locations = ["s3://${var.raw_bucket_name}/"]
}

resource "snowflake_file_format" "parquet" {
  name        = "PARQUET"
  database    = snowflake_database.this.name
  schema      = snowflake_schema.this["RAW"].name
  format_type = "PARQUET"
}

# SNOWFLAKE_RAW_STAGE (default raw_zone, quoted: lower case) names this stage.
resource "snowflake_stage" "raw_zone" {
  name                = "raw_zone"
  database            = snowflake_database.this.name
  schema              = snowflake_schema.this["RAW"].name
  url                 = "s3://${var.raw_bucket_name}/"
  storage_integration = snowflake_storage_integration.raw_zone.name
  file_format         = "FORMAT_NAME = ${snowflake_database.this.name}.${snowflake_schema.this["RAW"].name}.${snowflake_file_format.parquet.name}"
}

# The pipeline's login: key pair only (the private key is the
# snowflake-key secret, read by load and quality).
resource "snowflake_service_user" "pipeline" {
  name              = "${var.database_name}_PIPELINE"
  rsa_public_key    = var.pipeline_rsa_public_key
  default_role      = snowflake_account_role.this["TRANSFORMER"].name
  default_warehouse = snowflake_warehouse.this["hourly"].name
}
