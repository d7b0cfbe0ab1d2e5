import { jobFailureMessage } from './job-failure-message';

const frames = [
  '    at classifyOrdersDbError (/work/main/apps/extract-orders-db/src/orders-db-errors.ts:21:10)',
  '    at Function.connect (/work/main/apps/extract-orders-db/src/orders-db-source.ts:36:13)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  '    at async <anonymous> (/work/main/apps/extract-orders-db/src/main.ts:31:18)',
  '    at async runMain (/work/main/libs/core/src/run-main.ts:13:5)',
  '    ... 2 lines matching cause stack trace ...',
];

const record = (fields: Record<string, unknown>) => JSON.stringify({ time: '2026-11-29T12:00:01.000Z', app: 'extract-orders-db', ...fields });

describe('jobFailureMessage', () => {
  it("is the last error record's err.message, not the stack runMain prints after it", () => {
    const log = [
      record({ level: 'info', msg: 'extracting orders' }),
      record({ level: 'error', err: { type: 'Error', message: 'first problem' }, msg: 'retrying' }),
      record({ level: 'error', err: { type: 'Error', message: 'cannot connect to the orders DB: the database system is starting up' }, msg: 'extract-orders-db failed: cannot connect' }),
      'Error: cannot connect to the orders DB: the database system is starting up',
      ...frames,
      '',
    ].join('\n');
    expect(jobFailureMessage(log)).toBe('cannot connect to the orders DB: the database system is starting up');
  });

  it("is the record's msg when it carries no err, and fatal counts as an error", () => {
    const log = [record({ level: 'fatal', msg: 'quality failed: 2 blocking checks failed' }), record({ level: 'info', msg: 'closing' })].join('\n');
    expect(jobFailureMessage(log)).toBe('quality failed: 2 blocking checks failed');
  });

  it('reads numeric pino levels as well as labels', () => {
    expect(jobFailureMessage([record({ level: 50, msg: 'numeric error' }), record({ level: 30, msg: 'later info' })].join('\n'))).toBe('numeric error');
  });

  it('falls back to the last lines that are not stack frames when no error record exists', () => {
    const log = [
      record({ level: 'info', msg: 'starting' }),
      'load: invalid environment: NORTHSTAR_ENV: expected one of local, dev, staging, prod',
      'Error: invalid environment',
      ...frames,
    ].join('\n');
    expect(jobFailureMessage(log)).toBe(['starting', 'load: invalid environment: NORTHSTAR_ENV: expected one of local, dev, staging, prod', 'Error: invalid environment'].join('\n'));
  });

  it('keeps at most five fallback lines, the last ones', () => {
    const log = Array.from({ length: 8 }, (_, i) => `line ${i + 1}`).join('\n');
    expect(jobFailureMessage(log)).toBe(['line 4', 'line 5', 'line 6', 'line 7', 'line 8'].join('\n'));
  });

  it('says the log is empty rather than returning nothing', () => {
    expect(jobFailureMessage('\n')).toBe('the job wrote nothing to its log');
  });
});
