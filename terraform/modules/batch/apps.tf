# What each app may do: where it reads and writes in the raw zone, the
# secrets it reads and the settings it gets beyond the shared ones
# (var.environment_variables). Secrets and settings are what the app's
# config needs declare (apps/<app>/src/config-needs.ts; app-config.spec.ts
# holds the two together). Every extractor reads its watermark or checkpoint
# from the warehouse (read-only) at start, so it logs in to Snowflake too.
# The IAM roles and job definitions are derived from this map.
locals {
  apps = {
    orchestrator = {
      write_prefixes = ["_launches/"]
      read_prefixes  = ["_launches/"]
      # The launcher records its launch in ops.pipeline_runs.
      secrets  = ["snowflake-key"]
      settings = []
    }
    extract-orders-db = {
      write_prefixes = ["orders_db/"]
      read_prefixes  = ["orders_db/"]
      secrets        = ["orders-db", "mask-key", "snowflake-key"]
      settings       = []
    }
    extract-stripe = {
      write_prefixes = ["stripe/"]
      read_prefixes  = ["stripe/"]
      secrets        = ["stripe", "mask-key", "snowflake-key"]
      settings       = []
    }
    extract-zendesk = {
      write_prefixes = ["zendesk/"]
      read_prefixes  = ["zendesk/"]
      secrets        = ["zendesk", "mask-key", "snowflake-key"]
      settings       = ["ZENDESK_URL", "ZENDESK_EMAIL", "ZENDESK_ORDER_FIELD_ID"]
    }
    # Partners drop their CSVs under partners/<partner>/ of the raw zone's
    # bucket; refused files are copied under partner_files/quarantine/, inside
    # the extractor's own prefix.
    extract-partner-files = {
      write_prefixes = ["partner_files/"]
      read_prefixes  = ["partner_files/", "partners/"]
      secrets        = ["mask-key", "snowflake-key"]
      settings       = []
    }
    load = {
      write_prefixes = []
      read_prefixes  = [""]
      secrets        = ["snowflake-key"]
      settings       = []
    }
    # The open incidents its alerts deduplicate against live in the raw zone's bucket.
    quality = {
      write_prefixes = ["_ops/alerts/"]
      read_prefixes  = ["_ops/alerts/"]
      secrets        = ["snowflake-key"]
      settings       = ["NORTHSTAR_ALERTS_TOPIC_ARN"]
    }
  }

  # The command each job definition runs when submitted by hand; the launcher
  # gives every job of a graph its node's own arguments (containerOverrides)
  # and these parameters for the record. Every Ref:: needs a value: Batch
  # refuses an empty word in a command, so there are no optional ones here.
  # `sizing` names the entry of terraform/sizing.json (var.jobs) a definition
  # is sized and timed by; `environment` is added to the shared variables.
  definitions = {
    for app in keys(local.apps) : app => {
      app         = app
      sizing      = app
      command     = ["--mode", "Ref::mode", "--run-id", "Ref::run_id", "--at", "Ref::at"]
      parameters  = { mode = "hourly" }
      environment = {}
    }
  }
  # The orchestrator twice: the launcher the schedules start (a scheduled
  # time), and the entry for backfills from a terminal (a window).
  orchestrator_definitions = {
    launcher = {
      app         = "orchestrator"
      sizing      = "orchestrator"
      command     = ["--executor", "batch", "--mode", "Ref::mode", "--at", "Ref::at"]
      parameters  = { mode = "hourly" }
      environment = {}
    }
    orchestrator = {
      app         = "orchestrator"
      sizing      = "orchestrator"
      command     = ["--executor", "batch", "--mode", "Ref::mode", "--start", "Ref::start", "--end", "Ref::end"]
      parameters  = { mode = "backfill" }
      environment = {}
    }
  }
  # The monthly retention job (the load app's --retention; docs/retention.md),
  # started by its own schedule with the scheduled time as the end of the hot
  # period. A month of deletes runs for hours, not an hour's share: it has its
  # own size and timeout (sizing.json "retention", from npm run capacity) and
  # the backfill warehouse, so the hourly loads keep theirs.
  retention_definitions = {
    retention = {
      app         = "load"
      sizing      = "retention"
      command     = ["--retention", "--at", "Ref::at"]
      parameters  = {}
      environment = { SNOWFLAKE_WAREHOUSE = var.backfill_warehouse_name }
    }
  }
  job_definitions = merge(local.definitions, local.orchestrator_definitions, local.retention_definitions)
}
