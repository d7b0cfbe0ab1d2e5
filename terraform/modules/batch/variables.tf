variable "environment" {
  type = string
}

variable "name_prefix" {
  type = string
}

variable "region" {
  type = string
}

variable "account_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

variable "image_repository" {
  description = "ECR repository; each app's image is tagged <app>-<image_tag>"
  type        = string
}

variable "image_tag" {
  type = string
}

variable "jobs" {
  description = "Per app and for the retention job: vCPU, memory, shards and timeout (terraform/sizing.json, from npm run capacity)"
  type = map(object({
    vcpu            = number
    memory_mib      = number
    shards          = number
    timeout_seconds = number
  }))
}

variable "hourly_max_vcpus" {
  type    = number
  default = 32
}

variable "backfill_max_vcpus" {
  type    = number
  default = 64
}

variable "backfill_warehouse_name" {
  description = "The Snowflake warehouse of backfills and the retention job (SNOWFLAKE_WAREHOUSE of those jobs)"
  type        = string
}

variable "raw_bucket_arn" {
  type = string
}

variable "kms_key_arn" {
  type = string
}

variable "environment_variables" {
  description = "The configuration every job gets (libs/core config-needs.ts, sharedConfigVariables)"
  type        = map(string)
}

variable "source_settings" {
  description = "Plain settings of one source's app, by variable name (ZENDESK_URL, ...); each app takes those named in local.apps[*].settings. An empty value counts as unset."
  type        = map(string)
}

variable "alerts_topic_arn" {
  description = "The SNS topic the quality app's alerts go to (NORTHSTAR_ALERTS_TOPIC_ARN)"
  type        = string
}

variable "alerts_kms_key_arn" {
  description = "The key the alerts topic is encrypted with"
  type        = string
}

variable "tags" {
  type    = map(string)
  default = {}
}
