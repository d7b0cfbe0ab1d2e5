# The dev environment: its own state, providers and values; everything
# else is modules/pipeline. Sizing comes from npm run capacity.
terraform {
  required_version = ">= 1.6"
  required_providers {
    aws       = { source = "hashicorp/aws", version = "~> 6.0" }
    snowflake = { source = "snowflakedb/snowflake", version = "~> 2.0" }
  }
  backend "s3" {
    bucket       = "northstar-terraform-state-dev"
    key          = "northstar/dev.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}

provider "aws" {
  region = var.region
}

provider "snowflake" {
  organization_name = var.snowflake_organization
  account_name      = var.snowflake_account
  user              = var.snowflake_admin_user
  role              = "ACCOUNTADMIN"
  authenticator     = "SNOWFLAKE_JWT"
  private_key       = file(var.snowflake_admin_key_path)
  preview_features_enabled = [
    "snowflake_file_format_resource",
    "snowflake_stage_resource",
    "snowflake_storage_integration_resource",
  ]
}

locals {
  sizing = jsondecode(file("${path.module}/../../sizing.json"))
}

module "northstar" {
  source                            = "../../modules/pipeline"
  environment                       = "dev"
  region                            = var.region
  account_id                        = var.account_id
  vpc_id                            = var.vpc_id
  private_subnet_ids                = var.private_subnet_ids
  orders_db_cidr                    = var.orders_db_cidr
  image_repository                  = var.image_repository
  image_tag                         = var.image_tag
  sizing                            = local.sizing
  schedules_enabled                 = var.schedules_enabled
  alert_emails                      = var.alert_emails
  snowflake_account_identifier      = "${var.snowflake_organization}-${var.snowflake_account}"
  snowflake_pipeline_rsa_public_key = var.snowflake_pipeline_rsa_public_key
  zendesk_url                       = var.zendesk_url
  zendesk_email                     = var.zendesk_email
  zendesk_order_field_id            = var.zendesk_order_field_id
}

output "raw_bucket" {
  value = module.northstar.raw_bucket
}

output "alerts_topic_arn" {
  value = module.northstar.alerts_topic_arn
}

output "secret_arns" {
  value = module.northstar.secret_arns
}
