# Four roles. The pipeline's user holds TRANSFORMER, which holds LOADER; BI
# tools get BI_READER; PII_READER adds unmasked PII columns on top of it
# (the masking policies check for it).
locals {
  roles = ["LOADER", "TRANSFORMER", "BI_READER", "PII_READER"]
  role_hierarchy = {
    loader_in_transformer = { role = "LOADER", parent = "TRANSFORMER" }
    reader_in_pii_reader  = { role = "BI_READER", parent = "PII_READER" }
  }
  schema_grants = {
    loader_raw      = { role = "LOADER", schema = "RAW", privileges = ["USAGE", "CREATE TABLE"] }
    loader_held     = { role = "LOADER", schema = "RAW_BACKFILL", privileges = ["USAGE", "CREATE TABLE"] }
    loader_ops      = { role = "LOADER", schema = "OPS", privileges = ["USAGE", "CREATE TABLE"] }
    transformer_stg = { role = "TRANSFORMER", schema = "STAGING", privileges = ["USAGE", "CREATE TABLE", "CREATE VIEW"] }
    transformer_cur = { role = "TRANSFORMER", schema = "CURATED", privileges = ["USAGE", "CREATE TABLE", "CREATE VIEW"] }
    transformer_ana = { role = "TRANSFORMER", schema = "ANALYTICS", privileges = ["USAGE", "CREATE VIEW"] }
    bi_reader_ana   = { role = "BI_READER", schema = "ANALYTICS", privileges = ["USAGE"] }
  }
  future_grants = {
    loader_raw_tables      = { role = "LOADER", schema = "RAW", objects = "TABLES", privileges = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"] }
    loader_held_tables     = { role = "LOADER", schema = "RAW_BACKFILL", objects = "TABLES", privileges = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"] }
    loader_ops_tables      = { role = "LOADER", schema = "OPS", objects = "TABLES", privileges = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"] }
    transformer_stg_tables = { role = "TRANSFORMER", schema = "STAGING", objects = "TABLES", privileges = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"] }
    transformer_cur_tables = { role = "TRANSFORMER", schema = "CURATED", objects = "TABLES", privileges = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"] }
    bi_reader_views        = { role = "BI_READER", schema = "ANALYTICS", objects = "VIEWS", privileges = ["SELECT"] }
  }
}

resource "snowflake_account_role" "this" {
  for_each = toset(local.roles)
  name     = "${var.database_name}_${each.key}"
}

resource "snowflake_grant_account_role" "hierarchy" {
  for_each         = local.role_hierarchy
  role_name        = snowflake_account_role.this[each.value.role].name
  parent_role_name = snowflake_account_role.this[each.value.parent].name
}

resource "snowflake_grant_account_role" "pipeline_user" {
  role_name = snowflake_account_role.this["TRANSFORMER"].name
  user_name = snowflake_service_user.pipeline.name
}

resource "snowflake_grant_privileges_to_account_role" "database_usage" {
  for_each          = toset(local.roles)
  account_role_name = snowflake_account_role.this[each.key].name
  privileges        = ["USAGE"]
  on_account_object {
    object_type = "DATABASE"
    object_name = snowflake_database.this.name
  }
}

resource "snowflake_grant_privileges_to_account_role" "warehouse_usage" {
  for_each          = snowflake_warehouse.this
  account_role_name = snowflake_account_role.this["LOADER"].name
  privileges        = ["USAGE", "OPERATE"]
  on_account_object {
    object_type = "WAREHOUSE"
    object_name = each.value.name
  }
}

resource "snowflake_grant_privileges_to_account_role" "stage_usage" {
  account_role_name = snowflake_account_role.this["LOADER"].name
  privileges        = ["USAGE"]
  on_schema_object {
    object_type = "STAGE"
    object_name = "\"${snowflake_database.this.name}\".\"RAW\".\"${snowflake_stage.raw_zone.name}\""
  }
}

resource "snowflake_grant_privileges_to_account_role" "schema" {
  for_each          = local.schema_grants
  account_role_name = snowflake_account_role.this[each.value.role].name
  privileges        = each.value.privileges
  on_schema {
    schema_name = "\"${snowflake_database.this.name}\".\"${snowflake_schema.this[each.value.schema].name}\""
  }
}

resource "snowflake_grant_privileges_to_account_role" "future" {
  for_each          = local.future_grants
  account_role_name = snowflake_account_role.this[each.value.role].name
  privileges        = each.value.privileges
  on_schema_object {
    future {
      object_type_plural = each.value.objects
      in_schema          = "\"${snowflake_database.this.name}\".\"${snowflake_schema.this[each.value.schema].name}\""
    }
  }
}
