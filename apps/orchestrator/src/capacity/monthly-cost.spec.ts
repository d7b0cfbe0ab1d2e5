import { baseInputs } from './capacity-inputs';
import { planCapacity } from './capacity-model';
import { billedSeconds, jobDollars, largestDrivers, monthlyCost, totalOf } from './monthly-cost';

describe('monthly cost arithmetic', () => {
  it('bills Fargate per task, a minute at least', () => {
    expect(billedSeconds(10)).toBe(60);
    expect(billedSeconds(61)).toBe(61);
    // 2 tasks x (1 vCPU x 0.04 + 2 GB x 0.004) for an hour.
    expect(jobDollars({ vcpu: 1, memoryMib: 2048, shards: 2 }, 3600, 0.04, 0.004)).toBeCloseTo(0.096, 10);
  });

  it('prices storage at full retention from the raw bytes a day', () => {
    const cost = monthlyCost(baseInputs, planCapacity(baseInputs));
    // 400 GB x 1,095 days x 1.0 in Snowflake x 1.1 with staging and curated = 481.8 TB x $23.
    expect(cost.snowflake_storage).toBeCloseTo(481.8 * 23, 6);
    // 30 days in S3 Standard, then Standard-IA to day 365 (the raw bucket's lifecycle).
    expect(cost.s3_standard).toBeCloseTo(400 * 30 * 0.023, 6);
    expect(cost.s3_standard_ia).toBeCloseTo(400 * 335 * 0.0125, 6);
    // 2,190 days in Deep Archive plus 40 KB for each of 576 objects a day.
    expect(cost.s3_deep_archive).toBeCloseTo((400 * 2190 + (576 * 2190 * 40) / 1e6) * 0.00099, 6);
    // 2 NAT gateways x 730 h x 0.045, the API sources' 100 GB a day through them, the orders DB's 180 GB across zones.
    expect(cost.transfer).toBeCloseTo(2 * 730 * 0.045 + 100 * (365 / 12) * 0.045 + 180 * (365 / 12) * 0.02, 6);
  });

  it('names the largest lines first and sums every line', () => {
    const cost = { fargate: 1, fargate_spot_backfill: 2, snowflake_compute: 30, snowflake_storage: 40, s3_standard: 5, s3_standard_ia: 0, s3_deep_archive: 6, s3_requests: 7, transfer: 8, cloudwatch: 9 };
    expect(largestDrivers(cost).map((d) => d.line)).toEqual(['snowflake_storage', 'snowflake_compute', 'cloudwatch']);
    expect(totalOf(cost)).toBe(108);
  });
});
