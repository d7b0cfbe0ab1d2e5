import { PipelineHarness } from './pipeline-harness';

const AT = '2026-11-02T06:00:00Z';
// A role the test server lacks: the extractor fails at connect (exit 2) after reading the whole URL.
const ROLE = 'northstar_no_such_role';
const described = `postgres://${ROLE}@127.0.0.1:5432/postgres`;

describe('a failing run never prints the orders DB password', () => {
  it.each([
    ['in the query string', `postgres://${ROLE}@127.0.0.1:5432/postgres?password=SECRETPW`],
    ['after an unencoded @ in the password', `postgres://${ROLE}:p@SECRETPW@127.0.0.1:5432/postgres`],
  ])('password %s: not in stderr, the job log or ops.pipeline_runs.message', async (_, url) => {
    const harness = new PipelineHarness(url);
    try {
      const outcome = await harness.hourly(AT);
      expect(outcome.exitCode).not.toBe(0);
      const runs = await harness.query<{ step: string; status: string; message: string | null }>(
        'select step, status, message from ops.pipeline_runs where run_id = :run_id',
        { run_id: outcome.runId },
      );
      expect(runs).toContainEqual(expect.objectContaining({ step: 'extract-orders-db', status: 'failed' }));
      const outputs = [outcome.output, harness.jobLog(outcome.runId, 'extract-orders-db'), ...runs.map((r) => r.message ?? '')];
      // The failure is reported, naming where it tried to connect: the search below looks where the secret would be.
      expect(outputs.join('\n')).toContain(`cannot connect to the orders DB at ${described}`);
      for (const output of outputs) expect(output).not.toContain('SECRETPW');
    } finally {
      harness.dispose();
    }
  }, 120_000);
});
