import type { CapacityPlan, SizedApp } from './capacity-model';

/** terraform/sizing.json: what the Batch job definitions and the Snowflake resource monitor read (jsondecode(file(...))). */
export interface SizingFile {
  /** Per app, and for the monthly retention job (the load app under its own job definition). */
  readonly jobs: Readonly<Record<SizedApp | 'retention', { vcpu: number; memory_mib: number; shards: number; timeout_seconds: number }>>;
  readonly snowflake: { monthly_credit_quota: number; hourly_warehouse_size: string; backfill_warehouse_size: string };
}

/**
 * One entry per app: the largest size any of its jobs needs (the four loads
 * share one job definition). The timeout is three times the peak hour's work
 * plus ten minutes, within the 45-minute chain: a hung job fails while the
 * next hourly run can still start clean. The retention job runs monthly on
 * the backfill queue, outside any hour: twice its estimate plus ten minutes.
 */
export function sizingFile(plan: CapacityPlan): SizingFile {
  const jobs: Partial<Record<SizedApp, SizingFile['jobs'][SizedApp]>> = {};
  for (const job of plan.jobs) {
    const seen = jobs[job.app];
    const timeout = Math.min(45 * 60, Math.ceil((3 * job.peakSeconds + 600) / 60) * 60);
    jobs[job.app] = {
      vcpu: Math.max(seen?.vcpu ?? 0, job.vcpu),
      memory_mib: Math.max(seen?.memory_mib ?? 0, job.memoryMib),
      shards: Math.max(seen?.shards ?? 0, job.shards),
      timeout_seconds: Math.max(seen?.timeout_seconds ?? 0, timeout),
    };
  }
  const retention = plan.retention;
  return {
    jobs: {
      ...(jobs as Record<SizedApp, SizingFile['jobs'][SizedApp]>),
      retention: { vcpu: retention.vcpu, memory_mib: retention.memoryMib, shards: 1, timeout_seconds: Math.ceil((2 * retention.seconds + 600) / 60) * 60 },
    },
    snowflake: {
      monthly_credit_quota: plan.snowflake.monthlyCreditQuota,
      hourly_warehouse_size: plan.snowflake.hourlySize,
      backfill_warehouse_size: plan.snowflake.backfillSize,
    },
  };
}
