variable "region" {
  type    = string
  default = "us-east-1"
}

variable "account_id" {
  description = "The AWS account of this environment (one account per environment)"
  type        = string
}

variable "vpc_id" {
  type = string
}

variable "private_subnet_ids" {
  type = list(string)
}

variable "orders_db_cidr" {
  type = string
}

variable "image_repository" {
  description = "ECR repository URL, without a tag"
  type        = string
}

variable "image_tag" {
  description = "The release: images are <repository>:<app>-<image_tag>"
  type        = string
}

variable "schedules_enabled" {
  description = "false pauses the pipeline"
  type        = bool
  default     = true
}

variable "alert_emails" {
  type    = list(string)
  default = []
}

variable "snowflake_organization" {
  type = string
}

variable "snowflake_account" {
  type = string
}

variable "snowflake_admin_user" {
  description = "The user Terraform manages Snowflake as (not the pipeline's)"
  type        = string
}

variable "snowflake_admin_key_path" {
  type = string
}

variable "snowflake_pipeline_rsa_public_key" {
  type = string
}

variable "zendesk_url" {
  description = "The Zendesk account the Zendesk extractor reads, as ZENDESK_URL (https://<subdomain>.zendesk.com)"
  type        = string
}

variable "zendesk_email" {
  description = "The agent owning the Zendesk API token, as ZENDESK_EMAIL (the token itself is the zendesk secret)"
  type        = string
}

variable "zendesk_order_field_id" {
  description = "The Zendesk ticket field holding the order number, as ZENDESK_ORDER_FIELD_ID; empty: tickets name orders by external_id only"
  type        = string
  default     = ""
}
