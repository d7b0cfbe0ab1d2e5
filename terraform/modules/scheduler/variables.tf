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

variable "tags" {
  type    = map(string)
  default = {}
}
