# What each app may do: where it reads and writes in the raw zone, and the
# secrets it reads. Every extractor reads its watermark or checkpoint from the
# warehouse (read-only) at start, so it logs in to Snowflake too. The IAM roles and job definitions are derived from this map.
locals {
  apps = {
    orchestrator = {
      write_prefixes = ["_launches/"]
      read_prefixes  = ["_launches/"]
      # The launcher records its launch in ops.pipeline_runs.
      secrets = ["snowflake-key"]
    }
    extract-orders-db = {
      write_prefixes = ["orders_db/"]
      read_prefixes  = ["orders_db/"]
      secrets        = ["orders-db", "mask-key", "snowflake-key"]
    }
    extract-stripe = {
      write_prefixes = ["stripe/"]
      read_prefixes  = ["stripe/"]
      secrets        = ["stripe", "mask-key", "snowflake-key"]
    }
    extract-zendesk = {
      write_prefixes = ["zendesk/"]
      read_prefixes  = ["zendesk/"]
      secrets        = ["zendesk", "mask-key", "snowflake-key"]
    }
    extract-partner-files = {
      write_prefixes = ["partner_files/"]
      read_prefixes  = ["partner_files/"]
      secrets        = ["mask-key", "snowflake-key"]
    }
    load = {
      write_prefixes = []
      read_prefixes  = [""]
      secrets        = ["snowflake-key"]
    }
    quality = {
      write_prefixes = []
      read_prefixes  = []
      secrets        = ["snowflake-key"]
    }
  }

  # The command each job definition runs when submitted by hand; the launcher
  # gives every job of a graph its node's own arguments (containerOverrides)
  # and these parameters for the record. Every Ref:: needs a value: Batch
  # refuses an empty word in a command, so there are no optional ones here.
  definitions = {
    for app in keys(local.apps) : app => {
      app        = app
      command    = ["--mode", "Ref::mode", "--run-id", "Ref::run_id", "--at", "Ref::at"]
      parameters = { mode = "hourly" }
    }
  }
  # The orchestrator twice: the launcher the schedules start (a scheduled
  # time), and the entry for backfills from a terminal (a window).
  orchestrator_definitions = {
    launcher = {
      app        = "orchestrator"
      command    = ["--executor", "batch", "--mode", "Ref::mode", "--at", "Ref::at"]
      parameters = { mode = "hourly" }
    }
    orchestrator = {
      app        = "orchestrator"
      command    = ["--executor", "batch", "--mode", "Ref::mode", "--start", "Ref::start", "--end", "Ref::end"]
      parameters = { mode = "backfill" }
    }
  }
  job_definitions = merge(local.definitions, local.orchestrator_definitions)
}
