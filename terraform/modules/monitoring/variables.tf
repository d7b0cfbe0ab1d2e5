variable "environment" {
  type = string
}

variable "name_prefix" {
  type = string
}

variable "account_id" {
  type = string
}

variable "job_queue_arns" {
  type = list(string)
}

variable "log_group_name" {
  type = string
}

variable "dead_letter_queue_name" {
  type = string
}

variable "alert_emails" {
  type    = list(string)
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}
