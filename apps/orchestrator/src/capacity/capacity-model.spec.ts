import { baseInputs, type CapacityInputs, type SourceLoad } from './capacity-inputs';
import { extractedRows, planCapacity } from './capacity-model';

const cpuSource: SourceLoad = { rowsPerDay: 24 * 90_000, readsPerChange: 1, rowsPerSecond: 1_000, rateLimited: false, parquetBytesPerRow: 10, peakRssMb: 285, designShare: 0.25, viaNat: false };
const apiSource: SourceLoad = { ...cpuSource, rowsPerDay: 24 * 3_600, rowsPerSecond: 10, rateLimited: true, viaNat: true };

/** A small world: 90k orders-DB rows and 3.6k API objects an hour, no design figure beyond what the rows produce. */
const small: CapacityInputs = {
  ...baseInputs,
  sources: { orders_db: cpuSource, stripe: apiSource, zendesk: apiSource, partner_files: cpuSource },
  designRawGbPerDay: 0,
  peakHourFactor: 2,
  extractBudgetMinutes: 1,
  snowflakeBudgetMinutes: 15,
  jobStartSeconds: 60,
  copyGbPerXsHour: 1,
  mergeXsSecondsPerMillionRows: 100,
  mergesPerChangedRow: 1,
  statementsPerHourlyLoad: 0,
  qualityChecks: 0,
  resumesPerHour: 0,
  backfillDaysPerMonth: 0,
};

describe('planCapacity', () => {
  const plan = planCapacity(small);

  it('shards a CPU-bound extractor to fit its peak hour into the extract budget', () => {
    // Peak 180k rows at 1,000 rows/s per shard within 60 s: 3 shards, 60 s; the average hour 30 s.
    const job = plan.jobs.find((j) => j.id === 'extract-orders-db');
    expect(job).toMatchObject({ vcpu: 1, memoryMib: 2048, shards: 3, peakSeconds: 60, averageSeconds: 30 });
  });

  it('leaves a rate-limited extractor at one small task whose time is the rate limit', () => {
    // Peak 7,200 objects at 10 a second: 720 s, whatever the vCPU.
    expect(plan.jobs.find((j) => j.id === 'extract-stripe')).toMatchObject({ vcpu: 0.5, shards: 1, peakSeconds: 720, averageSeconds: 360 });
  });

  it('sizes the warehouse on the peak hour and times every chain against 45 minutes', () => {
    // Per hour: CPU sources 0.0009 GB (90k x 10 B) -> 3.24 XS-s COPY + 9 s MERGE; API sources 0.000036 GB -> 0.1296 + 0.36 s.
    // Peak (x2): 2 x (12.24 + 0.4896) x 2 = 50.9184 XS-s: XSMALL fits 900 s.
    expect(plan.snowflake.hourlySize).toBe('XSMALL');
    expect(plan.snowflake.peakHourSeconds).toBeCloseTo(50.9184, 6);
    // Stripe's chain: 4 starts x 60 + 30 launcher + 720 extract + 50.9184 loads + 0 quality.
    expect(plan.chains.find((c) => c.source === 'stripe')?.peakMinutes).toBeCloseTo((240 + 30 + 720 + 50.9184) / 60, 6);
    expect(plan.chains.every((c) => c.withinBudget)).toBe(true);
  });

  it('counts the average hour in credits and sets the quota with its headroom', () => {
    // Average hour 25.4592 XS-s = 0.0070720 credits; 730 hours; nightly keys 423M x 100 s per million on XSMALL + 60 s tail.
    const nightly = (small.nightlyKeyRows / 1e6 * 100 + 60) / 3600;
    expect(plan.snowflake.averageHourCredits).toBeCloseTo(25.4592 / 3600, 9);
    expect(plan.snowflake.nightlyCredits).toBeCloseTo(nightly, 9);
    // Plus the monthly retention job's credits (retention-capacity.spec.ts).
    const monthly = (25.4592 / 3600) * 730 + nightly * (365 / 12) + plan.snowflake.retentionCredits;
    expect(plan.snowflake.monthlyCredits).toBeCloseTo(monthly, 6);
    expect(plan.snowflake.monthlyCreditQuota).toBe(Math.ceil((monthly * 1.25) / 10) * 10);
  });

  it('sizes storage on the design figure when it exceeds what the change rates produce', () => {
    expect(plan.rawGbPerDay).toBeCloseTo(24 * (2 * 0.0009 + 2 * 0.000036), 9);
    const designed = planCapacity({ ...small, designRawGbPerDay: 400 });
    expect(designed.rawGbPerDay).toBeCloseTo(400, 9);
    expect(designed.derivedRawGbPerDay).toBeCloseTo(plan.derivedRawGbPerDay, 9);
  });
});

describe('extractedRows', () => {
  it('makes a CPU-bound extractor write the bytes it is given, an API one only its objects', () => {
    expect(extractedRows(cpuSource, 100, 1)).toBe(1e8);
    expect(extractedRows(apiSource, 100, 1)).toBe(100);
  });
});
