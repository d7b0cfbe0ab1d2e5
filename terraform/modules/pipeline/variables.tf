variable "environment" {
  type = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment: dev, staging or prod"
  }
}

variable "region" {
  type = string
}

variable "account_id" {
  type = string
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
  type = string
}

variable "image_tag" {
  type = string
}

variable "sizing" {
  description = "terraform/sizing.json, decoded"
  type = object({
    jobs = map(object({ vcpu = number, memory_mib = number, shards = number, timeout_seconds = number }))
    snowflake = object({
      monthly_credit_quota    = number
      hourly_warehouse_size   = string
      backfill_warehouse_size = string
    })
  })
}

variable "schedules_enabled" {
  type    = bool
  default = true
}

variable "alert_emails" {
  type    = list(string)
  default = []
}

variable "snowflake_account_identifier" {
  description = "<organization>-<account>, as SNOWFLAKE_ACCOUNT"
  type        = string
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
  description = "The Zendesk ticket field where customers write an order number, as ZENDESK_ORDER_FIELD_ID; empty: tickets name orders by external_id only"
  type        = string
  default     = ""
}
