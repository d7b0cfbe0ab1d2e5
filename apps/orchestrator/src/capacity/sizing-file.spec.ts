import type { CapacityPlan } from './capacity-model';
import { sizingFile } from './sizing-file';

const job = (id: string, app: CapacityPlan['jobs'][number]['app'], vcpu: number, memoryMib: number, peakSeconds: number) => ({ id, app, vcpu, memoryMib, shards: 1, peakSeconds, averageSeconds: peakSeconds / 2 });

describe('sizingFile', () => {
  it('gives each app the largest size of its jobs and a timeout of 3 x peak + 10 minutes, at most 45', () => {
    const plan = {
      jobs: [job('load-a', 'load', 0.5, 1024, 100), job('load-b', 'load', 1, 2048, 200), job('quality', 'quality', 0.5, 1024, 3000)],
      snowflake: { hourlySize: 'LARGE', backfillSize: 'XLARGE', monthlyCreditQuota: 1590 },
    } as unknown as CapacityPlan;
    const file = sizingFile(plan);
    // load: 3 x 200 + 600 = 1,200 s; quality: 9,600 s capped at 2,700.
    expect(file.jobs).toEqual({
      load: { vcpu: 1, memory_mib: 2048, shards: 1, timeout_seconds: 1200 },
      quality: { vcpu: 0.5, memory_mib: 1024, shards: 1, timeout_seconds: 2700 },
    });
    expect(file.snowflake).toEqual({ monthly_credit_quota: 1590, hourly_warehouse_size: 'LARGE', backfill_warehouse_size: 'XLARGE' });
  });
});
