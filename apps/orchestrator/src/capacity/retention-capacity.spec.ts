import { baseInputs, type CapacityInputs } from './capacity-inputs';
import { planCapacity } from './capacity-model';
import { retentionCapacity } from './retention-capacity';

const small: CapacityInputs = { ...baseInputs, rawTables: 2, s3RequestSeconds: 0.05, copyGbPerXsHour: 10, snowflakeBytesPerRawByte: 1, xsSecondsPerStatement: 1, jobStartSeconds: 60, autoSuspendSeconds: 60 };

describe('retentionCapacity', () => {
  it('adds the archive check, one S3 request pair per run folder, to a month of raw bytes rewritten at the COPY rate', () => {
    // 2 tables x 100 folders x 2 requests x 0.05 s = 20 s. 1 GB a day x 30 days = 30 GB / 10 GB per XS-hour = 10,800 XS-s;
    // on MEDIUM (4 credits an hour) 2,700 s + (2 x 2 + 4) statements x 1 s = 2,708 s.
    const retention = retentionCapacity(small, 1, 100, 30, 'MEDIUM');
    expect(retention).toMatchObject({ vcpu: 0.5, memoryMib: 1024, s3Seconds: 20, warehouseSeconds: 2708 });
    expect(retention.seconds).toBeCloseTo(60 + 20 + 2708, 9);
    // (2,708 s + one 60 s auto-suspend tail) x 4 credits an hour.
    expect(retention.credits).toBeCloseTo((2768 * 4) / 3600, 9);
  });

  it('runs on the backfill warehouse, and its credits count in the month and the resource monitor quota', () => {
    const plan = planCapacity(baseInputs);
    expect(plan.retention).toEqual(retentionCapacity(baseInputs, plan.rawGbPerDay, 730 + 365 / 12, 365 / 12, plan.snowflake.backfillSize));
    expect(plan.snowflake.retentionCredits).toBe(plan.retention.credits);
    const withoutRetention = plan.snowflake.averageHourCredits * 730 + plan.snowflake.nightlyCredits * (365 / 12) + plan.snowflake.backfillCreditsPerMonth;
    expect(plan.snowflake.monthlyCredits).toBeCloseTo(withoutRetention + plan.retention.credits, 6);
    expect(plan.snowflake.monthlyCreditQuota).toBe(Math.ceil((plan.snowflake.monthlyCredits * 1.25) / 10) * 10);
  });

  it("a month at the design volume does not fit the load job's 42 minutes: it needs its own timeout", () => {
    expect(planCapacity(baseInputs).retention.seconds).toBeGreaterThan(42 * 60);
  });
});
