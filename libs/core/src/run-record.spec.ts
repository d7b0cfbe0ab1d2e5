import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { embeddedMetricRecord, runRecordInLog } from './run-record';

const root = path.resolve(__dirname, '../../..');

describe('run record', () => {
  const at = new Date('2026-11-02T07:41:00Z');

  it('is a CloudWatch Embedded Metric Format object: each named metric a root number, each dimension a root string', () => {
    const emf = embeddedMetricRecord({ app: 'load', source: 'orders_db', rowsIn: 120, rowsOut: 118, bytes: 4096, retries: 1, seconds: 12.5, exitCode: 0, lagMinutes: 22 }, at);
    expect(emf).toMatchObject({ App: 'load', Source: 'orders_db', RowsIn: 120, RowsOut: 118, Bytes: 4096, Retries: 1, DurationSeconds: 12.5, ExitCode: 0, FreshnessLagMinutes: 22 });
    const directive = (emf['_aws'] as { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] });
    expect(directive.Timestamp).toBe(at.getTime());
    const [metrics] = directive.CloudWatchMetrics;
    expect(metrics.Namespace).toBe('Northstar');
    expect(metrics.Dimensions).toEqual([['App'], ['App', 'Source']]);
    for (const metric of metrics.Metrics) expect(typeof emf[metric.Name]).toBe('number');
    for (const dimension of metrics.Dimensions.flat()) expect(typeof emf[dimension]).toBe('string');
  });

  it('leaves out the source dimension and the lag when the job has neither', () => {
    const emf = embeddedMetricRecord({ app: 'orchestrator', rowsIn: 0, rowsOut: 0, bytes: 0, retries: 0, seconds: 1, exitCode: 3 }, at);
    const [metrics] = (emf['_aws'] as { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] }).CloudWatchMetrics;
    expect(metrics.Dimensions).toEqual([['App']]);
    expect(metrics.Metrics.map((m) => m.Name)).not.toContain('FreshnessLagMinutes');
    expect(emf).not.toHaveProperty('Source');
  });

  it('carries a run\'s notes as one Note string beside the metrics, not as a metric, and no Note when there are none', () => {
    const notes = ['charges: events gap re-listed by created', 'refunds: events gap re-listed by created'];
    const emf = embeddedMetricRecord({ app: 'extract-stripe', source: 'stripe', rowsIn: 0, rowsOut: 5, bytes: 0, retries: 0, seconds: 2, exitCode: 0, notes }, at);
    expect(emf['Note']).toBe(notes.join('; '));
    const [metrics] = (emf['_aws'] as { CloudWatchMetrics: { Metrics: { Name: string }[] }[] }).CloudWatchMetrics;
    expect(metrics.Metrics.map((m) => m.Name)).not.toContain('Note');
    expect(embeddedMetricRecord({ app: 'load', rowsIn: 0, rowsOut: 0, bytes: 0, retries: 0, seconds: 1, exitCode: 0, notes: [] }, at)).not.toHaveProperty('Note');
  });

  it('runMain with runRecord ends a failed run with one record line in the JSON log carrying the exit code and the figures so far', () => {
    const script = `
      const core = require('./libs/core/src/index.ts');
      core.runMain('load', async (setLogger, figures) => {
        setLogger(core.createLogger({ level: 'info', format: 'json', bindings: { app: 'load', runId: 'r1' } }));
        figures.source = 'orders_db';
        figures.rowsIn = 7;
        throw new core.DataContractError('orders: column total missing');
      }, { runRecord: true });
    `;
    const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(3);
    const lines = result.stderr.trim().split('\n');
    expect(JSON.parse(lines[lines.length - 1])).toMatchObject({ msg: 'run record', runId: 'r1', App: 'load', Source: 'orders_db', RowsIn: 7, ExitCode: 3 });
    expect(runRecordInLog(result.stderr)).toMatchObject({ ExitCode: 3, RowsIn: 7 });
  });
});
