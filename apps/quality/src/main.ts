import { createLogger, loadAppConfig, parseRunArgs, runMain } from '@northstar/core';
import { allContracts } from '@northstar/contracts';
import { assertPiiColumnsTagged, checkScopesFor, loadModelCatalog, loadQualityChecks, piiColumnTargets, runQualityChecks } from '@northstar/models';
import { openObjectStore } from '@northstar/object-store';
import { ensureWarehouseSchemas, openWarehouse } from '@northstar/warehouse';
import { auditAccess } from './access-audit';
import { alertOnResults, openAlerter } from './check-alerts';
import { checkFreshnessSlo } from './freshness-slo';
import { enforceQualityVerdict } from './quality-verdict';
import { configNeeds } from './config-needs';

const APP = 'quality';

void runMain(APP, async (setLogger, figures) => {
  const { run, options } = parseRunArgs<{ auditAccess?: boolean }>(APP, process.argv.slice(2), process.env, new Date(), (command) =>
    command.option('--audit-access', 'instead of the checks: append Snowflake\'s access history since the last run to ops.access_audit (nightly)'),
  );
  const config = loadAppConfig(configNeeds);
  const logger = createLogger({ ...config.log, bindings: { app: APP, runId: run.runId } });
  setLogger(logger);
  const warehouse = await openWarehouse(config.warehouse, logger);
  try {
    await ensureWarehouseSchemas(warehouse);
    if (options.auditAccess) {
      const pii = new Set(piiColumnTargets(allContracts, loadModelCatalog(), warehouse.dialect).map((t) => `${t.table}.${t.column}`));
      await auditAccess(warehouse, pii, new Date(), logger);
      return;
    }
    // Hourly: the checks that read the run's batch; nightly: the whole-table ones too.
    const scopes = checkScopesFor(run.mode);
    const checks = loadQualityChecks().filter((check) => scopes.includes(check.scope));
    const models = loadModelCatalog();
    const piiColumns = new Set(piiColumnTargets(allContracts, models, warehouse.dialect).map((t) => `${t.table}.${t.column}`));
    const results = await runQualityChecks(checks, { warehouse, runId: run.runId, clock: () => new Date(), asOf: run.scheduledAt, logger, models, piiColumns });
    const sloResults = await checkFreshnessSlo(warehouse, run, logger, figures);
    const store = openObjectStore(config.rawUrl, { s3Endpoint: config.s3Endpoint, region: config.awsRegion });
    await alertOnResults(openAlerter(config, store, logger, () => new Date()), [...results, ...sloResults], run);
    enforceQualityVerdict(results);
    // Snowflake only: every contract PII column there carries the pii tag its masking hangs on.
    await assertPiiColumnsTagged(warehouse, loadModelCatalog());
  } finally {
    await warehouse.close();
  }
}, { runRecord: true });
