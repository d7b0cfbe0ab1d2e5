# One environment of the pipeline, wired together; envs/<env> only chooses
# its values, its state backend and its providers.
locals {
  name_prefix         = "northstar-${var.environment}"
  database_name       = upper("northstar_${var.environment}")
  snowflake_role_name = "${local.name_prefix}-snowflake"
  # Known before the role exists: the storage integration needs it, and the
  # role's trust needs the integration's user (no cycle through resources).
  snowflake_role_arn = "arn:aws:iam::${var.account_id}:role/${local.snowflake_role_name}"
  tags               = { project = "northstar", environment = var.environment }
}

module "network" {
  source             = "../network"
  name_prefix        = local.name_prefix
  vpc_id             = var.vpc_id
  private_subnet_ids = var.private_subnet_ids
  orders_db_cidr     = var.orders_db_cidr
  tags               = local.tags
}

module "storage" {
  source                 = "../storage"
  name_prefix            = local.name_prefix
  snowflake_role_name    = local.snowflake_role_name
  snowflake_iam_user_arn = module.snowflake.storage_aws_iam_user_arn
  snowflake_external_id  = module.snowflake.storage_aws_external_id
  tags                   = local.tags
}

module "batch" {
  source             = "../batch"
  environment        = var.environment
  name_prefix        = local.name_prefix
  region             = var.region
  account_id         = var.account_id
  subnet_ids         = module.network.subnet_ids
  security_group_ids = module.network.security_group_ids
  image_repository   = var.image_repository
  image_tag          = var.image_tag
  jobs               = var.sizing.jobs
  raw_bucket_arn     = module.storage.bucket_arns["raw"]
  kms_key_arn        = module.storage.kms_key_arn
  environment_variables = {
    NORTHSTAR_ENV        = var.environment
    NORTHSTAR_RAW_URL    = "s3://${module.storage.bucket_names["raw"]}"
    NORTHSTAR_LOG_FORMAT = "json"
    NORTHSTAR_WAREHOUSE  = "snowflake"
    SNOWFLAKE_ACCOUNT    = var.snowflake_account_identifier
    SNOWFLAKE_USER       = module.snowflake.pipeline_user_name
    SNOWFLAKE_DATABASE   = module.snowflake.database_name
    SNOWFLAKE_WAREHOUSE  = module.snowflake.warehouse_names["hourly"]
  }
  backfill_warehouse_name = module.snowflake.warehouse_names["backfill"]
  source_settings = {
    ZENDESK_URL            = var.zendesk_url
    ZENDESK_EMAIL          = var.zendesk_email
    ZENDESK_ORDER_FIELD_ID = var.zendesk_order_field_id
  }
  alerts_topic_arn   = module.monitoring.alerts_topic_arn
  alerts_kms_key_arn = module.monitoring.alerts_kms_key_arn
  tags               = local.tags
}

module "scheduler" {
  source                              = "../scheduler"
  name_prefix                         = local.name_prefix
  account_id                          = var.account_id
  enabled                             = var.schedules_enabled
  job_queue_arn                       = module.batch.job_queue_arns["hourly"]
  launcher_job_definition_arn         = module.batch.job_definition_arns["launcher"]
  launcher_job_definition_arn_prefix  = module.batch.job_definition_arn_prefixes["launcher"]
  backfill_job_queue_arn              = module.batch.job_queue_arns["backfill"]
  retention_job_definition_arn        = module.batch.job_definition_arns["retention"]
  retention_job_definition_arn_prefix = module.batch.job_definition_arn_prefixes["retention"]
  tags                                = local.tags
}

module "monitoring" {
  source                 = "../monitoring"
  environment            = var.environment
  name_prefix            = local.name_prefix
  account_id             = var.account_id
  job_queue_arns         = values(module.batch.job_queue_arns)
  log_group_name         = module.batch.log_group_name
  dead_letter_queue_name = module.scheduler.dead_letter_queue_name
  alert_emails           = var.alert_emails
  tags                   = local.tags
}

module "snowflake" {
  source                  = "../snowflake"
  environment             = var.environment
  database_name           = local.database_name
  hourly_warehouse_size   = var.sizing.snowflake.hourly_warehouse_size
  backfill_warehouse_size = var.sizing.snowflake.backfill_warehouse_size
  monthly_credit_quota    = var.sizing.snowflake.monthly_credit_quota
  raw_bucket_name         = "${local.name_prefix}-raw"
  storage_role_arn        = local.snowflake_role_arn
  pipeline_rsa_public_key = var.snowflake_pipeline_rsa_public_key
}
