variable "environment" {
  type = string
}

variable "database_name" {
  description = "NORTHSTAR_DEV, NORTHSTAR_STAGING, NORTHSTAR_PROD"
  type        = string
}

variable "hourly_warehouse_size" {
  type = string
}

variable "backfill_warehouse_size" {
  type = string
}

variable "monthly_credit_quota" {
  description = "terraform/sizing.json: the budget in credits"
  type        = number
}

variable "raw_bucket_name" {
  type = string
}

variable "storage_role_arn" {
  description = "The IAM role Snowflake assumes to read the raw zone (modules/storage)"
  type        = string
}

variable "pipeline_rsa_public_key" {
  description = "Public half of the snowflake-key secret, without the PEM header and footer"
  type        = string
}
