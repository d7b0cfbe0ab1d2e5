import { appCommandIn, runFaultScenario, selectFaultScenarios, type ScenarioResult } from '@northstar/sandbox';
import { POSTGRES_ADMIN_URL, workspaceRoot } from './pipeline-harness';

/**
 * A few of the fastest scenarios of `npm run faults` (orders DB, Stripe),
 * through the same code the command runs: a pass here is a pass there. The
 * rest run in the command only (each one is a minute or more of real processes).
 */
describe('npm run faults, its fastest scenarios', () => {
  const options = { command: appCommandIn(workspaceRoot), postgresAdminUrl: POSTGRES_ADMIN_URL };

  it.each(['breaking_drift', 'null_keys_and_duplicates'])('%s: nothing lost, duplicated or wrong, and the runs answer as they must', async (name) => {
    const [scenario] = selectFaultScenarios([name]);
    const result: ScenarioResult = await runFaultScenario(scenario, options);
    expect({ fault: result.fault, lost: result.lost, duplicated: result.duplicated, wrong: result.wrong, result: result.result }).toEqual({
      fault: name, lost: 0, duplicated: 0, wrong: 0, result: 'pass',
    });
    // The comparison saw the curated tables, not an empty warehouse.
    expect(Object.keys(result.comparison?.tables ?? {})).toEqual(['fct_orders', 'fct_order_items', 'dim_customer']);
  }, 240_000);

  it('stripe_5xx: the extractor retries through 500s and 503s, and fct_payments matches the account, nothing doubled', async () => {
    const [scenario] = selectFaultScenarios(['stripe_5xx']);
    const result = await runFaultScenario(scenario, options);
    expect({ lost: result.lost, duplicated: result.duplicated, wrong: result.wrong, result: result.result }).toEqual({ lost: 0, duplicated: 0, wrong: 0, result: 'pass' });
    expect(result.comparison?.tables['fct_payments']).toEqual({ lost: 0, duplicated: 0, wrong: 0 });
    expect(result.done).toMatch(/extract exit 0, [1-9]\d* requests retried/);
  }, 240_000);

  it('an unknown fault name is refused with the known ones', () => {
    expect(() => selectFaultScenarios(['no_such_fault'])).toThrow(/--only: unknown fault no_such_fault: expected some of .*breaking_drift/);
  });
});
