import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { caseInputs } from './capacity-inputs';
import { planCapacity, type CapacityPlan } from './capacity-model';
import { sizingFile } from './sizing-file';

const job = (id: string, app: CapacityPlan['jobs'][number]['app'], vcpu: number, memoryMib: number, peakSeconds: number) => ({ id, app, vcpu, memoryMib, shards: 1, peakSeconds, averageSeconds: peakSeconds / 2 });

describe('sizingFile', () => {
  it('gives each app the largest size of its jobs and a timeout of 3 x peak + 10 minutes, at most 45; the retention job twice its estimate + 10 minutes', () => {
    const plan = {
      jobs: [job('load-a', 'load', 0.5, 1024, 100), job('load-b', 'load', 1, 2048, 200), job('quality', 'quality', 0.5, 1024, 3000)],
      snowflake: { hourlySize: 'LARGE', backfillSize: 'XLARGE', monthlyCreditQuota: 1590 },
      retention: { vcpu: 0.5, memoryMib: 1024, seconds: 10_000 },
    } as unknown as CapacityPlan;
    const file = sizingFile(plan);
    // load: 3 x 200 + 600 = 1,200 s; quality: 9,600 s capped at 2,700; retention: 2 x 10,000 + 600 = 20,600 -> 20,640 (whole minutes), not capped.
    expect(file.jobs).toEqual({
      load: { vcpu: 1, memory_mib: 2048, shards: 1, timeout_seconds: 1200 },
      quality: { vcpu: 0.5, memory_mib: 1024, shards: 1, timeout_seconds: 2700 },
      retention: { vcpu: 0.5, memory_mib: 1024, shards: 1, timeout_seconds: 20_640 },
    });
    expect(file.snowflake).toEqual({ monthly_credit_quota: 1590, hourly_warehouse_size: 'LARGE', backfill_warehouse_size: 'XLARGE' });
  });

  it('terraform/sizing.json is what `npm run capacity -- --write-sizing` writes from the current inputs', () => {
    const committed = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../terraform/sizing.json'), 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(sizingFile(planCapacity(caseInputs('base'))))));
  });
});
