variable "name_prefix" {
  type = string
}

variable "account_id" {
  type = string
}

variable "enabled" {
  description = "false pauses the pipeline (docs/operations.md)"
  type        = bool
  default     = true
}

variable "job_queue_arn" {
  description = "The hourly queue"
  type        = string
}

variable "launcher_job_definition_arn" {
  type = string
}

variable "launcher_job_definition_arn_prefix" {
  type = string
}

variable "backfill_job_queue_arn" {
  description = "The low-priority queue the retention job runs on"
  type        = string
}

variable "retention_job_definition_arn" {
  type = string
}

variable "retention_job_definition_arn_prefix" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}
