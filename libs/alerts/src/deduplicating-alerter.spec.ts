import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import type { Alert } from './alert';
import { JsonFileAlertState } from './alert-state-store';
import { DeduplicatingAlerter } from './deduplicating-alerter';
import { FileAlertSink } from './file-alert-sink';
import { SnsAlertSink } from './sns-alert-sink';

const HOUR = 3_600_000;
const failure = (runId: string): Alert => ({
  key: 'fct_orders_not_null_customer_id_in_batch',
  severity: 'error',
  subject: { kind: 'check', name: 'fct_orders_not_null_customer_id_in_batch' },
  runId,
  what: '3 rows in curated.fct_orders',
  firstErrorLine: 'sample failing keys: 10, 11, 12',
  rerunCommand: `npx tsx apps/quality/src/main.ts --mode hourly --run-id ${runId}`,
});

describe('DeduplicatingAlerter', () => {
  let dir: string;
  let now: Date;
  const clock = () => now;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'alerts-'));
    now = new Date('2026-11-02T07:40:00Z');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('over SNS: a failure repeated every hour alerts once per six hours, and its first pass sends one "resolved"', async () => {
    const sns = mockClient(SNSClient);
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    // A new alerter per run, as each quality job is its own process: only the state file carries over.
    const alerter = () => new DeduplicatingAlerter(new SnsAlertSink(new SNSClient({ region: 'us-east-1' }), 'arn:aws:sns:us-east-1:1:northstar-alerts'), new JsonFileAlertState(path.join(dir, 'alert-state')), { repeatAfterMs: 6 * HOUR, clock });
    for (let hour = 0; hour < 8; hour++) {
      now = new Date(Date.parse('2026-11-02T07:40:00Z') + hour * HOUR);
      await alerter().raise(failure(`hourly-20261102T${String(7 + hour).padStart(2, '0')}`));
    }
    await alerter().resolve('fct_orders_not_null_customer_id_in_batch', 'hourly-20261102T15');
    await alerter().resolve('fct_orders_not_null_customer_id_in_batch', 'hourly-20261102T16');

    const sent = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    // Hour 0 and hour 6 (the reminder), then the resolution; hours 1-5 and 7 and the second pass send nothing.
    expect(sent.map((m) => m.Subject)).toEqual([
      '[northstar] FAILED check fct_orders_not_null_customer_id_in_batch',
      '[northstar] FAILED check fct_orders_not_null_customer_id_in_batch',
      '[northstar] RESOLVED fct_orders_not_null_customer_id_in_batch',
    ]);
    expect(sent[0]).toMatchObject({ TopicArn: 'arn:aws:sns:us-east-1:1:northstar-alerts', MessageAttributes: { kind: { DataType: 'String', StringValue: 'firing' }, severity: { DataType: 'String', StringValue: 'error' } } });
    expect(sent[0].Message).toBe([
      'what failed: 3 rows in curated.fct_orders',
      'run: hourly-20261102T07',
      'check: fct_orders_not_null_customer_id_in_batch',
      'first error line: sample failing keys: 10, 11, 12',
      'rerun: npx tsx apps/quality/src/main.ts --mode hourly --run-id hourly-20261102T07',
      'failing since: 2026-11-02T07:40:00.000Z',
    ].join('\n'));
    // The reminder still says when the incident began.
    expect(sent[1].Message).toContain('run: hourly-20261102T13');
    expect(sent[1].Message).toContain('failing since: 2026-11-02T07:40:00.000Z');
    expect(sent[2].Message).toBe('resolved: fct_orders_not_null_customer_id_in_batch passed in run hourly-20261102T15\nfailing since: 2026-11-02T07:40:00.000Z');
    sns.restore();
  });

  it('to a file and the console: a fail after a resolution is a new incident', async () => {
    const file = path.join(dir, 'alerts.log');
    const printed: string[] = [];
    const alerter = new DeduplicatingAlerter(new FileAlertSink(file, (t) => printed.push(t)), new JsonFileAlertState(path.join(dir, 'alert-state')), { repeatAfterMs: 6 * HOUR, clock });
    await alerter.raise(failure('r1'));
    await alerter.raise(failure('r2'));
    await alerter.resolve('fct_orders_not_null_customer_id_in_batch', 'r3');
    await alerter.resolve('some_check_never_failed', 'r3');
    await alerter.raise(failure('r4'));
    const lines = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { kind: string; body: string });
    expect(lines.map((l) => l.kind)).toEqual(['firing', 'resolved', 'firing']);
    expect(lines[2].body).toContain('run: r4');
    expect(printed[0]).toMatch(/^\[northstar\] FAILED check fct_orders_not_null_customer_id_in_batch\nwhat failed: 3 rows/);
    expect(JSON.parse(await readFile(path.join(dir, 'alert-state', 'fct_orders_not_null_customer_id_in_batch.json'), 'utf8'))).toEqual({ since: now.toISOString(), lastSentAt: now.toISOString(), runId: 'r4' });
  });
});
