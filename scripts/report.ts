// `npm run report`: the run report as one static HTML page (ECharts inline,
// opens offline) from the warehouse: runs, checks, freshness against the
// SLO, reconciliation, quarantine and the model lineage. Prints its path.
import * as path from 'node:path';
import { createLogger, loadConfig, runMain } from '@northstar/core';
import { writeDemoRunReport } from './run-report-file';

void runMain('report', async (setLogger) => {
  const config = loadConfig();
  setLogger(createLogger({ ...config.log, bindings: { app: 'report' } }));
  const file = await writeDemoRunReport(config, path.join(config.home, 'report.html'));
  process.stdout.write(`Run report: ${file}\n`);
});
