import type { CapacityInputs, SourceName } from './capacity-inputs';
import { daysPerMonth, hoursPerMonth, type CapacityPlan, type JobPlan } from './capacity-model';

export type CostLine = 'fargate' | 'fargate_spot_backfill' | 'snowflake_compute' | 'snowflake_storage' | 's3_standard' | 's3_standard_ia' | 's3_deep_archive' | 's3_requests' | 'transfer' | 'cloudwatch';

/** Dollars a month per line, at full retention (3 years in Snowflake, 7 in S3). */
export type MonthlyCost = Readonly<Record<CostLine, number>>;

/** What would cut each line, for the three largest drivers in the printout. */
export const costCuts: Readonly<Record<CostLine, string>> = {
  fargate: 'fewer, longer-lived tasks: run the small extracts of one hour in one task; arm64 (Graviton) is ~20% cheaper per vCPU-hour',
  fargate_spot_backfill: 'backfill fewer days: rebuild from raw already in Snowflake instead of re-extracting',
  snowflake_compute: 'load fewer, larger files per COPY; resume the warehouse once an hour for all chains (fewer 60 s minimums); MERGE only changed keys',
  snowflake_storage: 'keep raw.* in Snowflake for months, not 3 years (S3 holds every row; staging and curated keep the history BI reads); pre-purchased capacity storage',
  s3_standard: 'move raw-zone objects to Standard-IA sooner than 30 days (Standard-IA bills 30 days at least)',
  s3_standard_ia: 'move raw-zone objects to Deep Archive sooner than a year (backfills of older months then restore first)',
  s3_deep_archive: 'fewer, larger objects (each carries 40 KB of archive overhead); expire at 7 years exactly',
  s3_requests: 'larger Parquet parts: fewer PUTs, GETs and lifecycle transitions',
  transfer: 'one NAT gateway outside prod; VPC endpoints where a service has one',
  cloudwatch: 'log at info, not debug; shorter log retention with an S3 export',
};

/** Billed seconds of a Fargate task: Fargate bills a minute at least. */
export function billedSeconds(seconds: number): number {
  return Math.max(60, seconds);
}

export function jobDollars(job: Pick<JobPlan, 'vcpu' | 'memoryMib' | 'shards'>, seconds: number, vcpuHour: number, gbHour: number): number {
  return (job.shards * (job.vcpu * vcpuHour + (job.memoryMib / 1024) * gbHour) * seconds) / 3600;
}

export function monthlyCost(inputs: CapacityInputs, plan: CapacityPlan): MonthlyCost {
  const p = inputs.prices;
  const hourly = plan.jobs.reduce((sum, job) => sum + jobDollars(job, billedSeconds(inputs.jobStartSeconds + job.averageSeconds), p.fargateVcpuHour, p.fargateGbHour), 0);
  const ordersJob = plan.jobs.find((j) => j.app === 'extract-orders-db');
  const nightly = ordersJob ? jobDollars(ordersJob, billedSeconds(inputs.jobStartSeconds + plan.nightlyExtractSeconds), p.fargateVcpuHour, p.fargateGbHour) : 0;
  // Backfills run long windows on Spot: only the work counts, not the per-run start.
  const backfill = plan.jobs.reduce((sum, job) => sum + jobDollars(job, job.averageSeconds * 24 * inputs.backfillDaysPerMonth, p.fargateSpotVcpuHour, p.fargateSpotGbHour), 0);
  // The monthly retention job runs on the backfill queue (Fargate Spot).
  const retention = jobDollars({ ...plan.retention, shards: 1 }, plan.retention.seconds, p.fargateSpotVcpuHour, p.fargateSpotGbHour);
  const hotTb = (plan.rawGbPerDay * 365 * inputs.hotYears * inputs.snowflakeBytesPerRawByte * (1 + inputs.modelledBytesPerRawByte)) / 1000;
  const standardGb = plan.rawGbPerDay * inputs.s3StandardDays;
  const infrequentGb = plan.rawGbPerDay * (inputs.s3InfrequentUntilDays - inputs.s3StandardDays);
  const archiveDays = inputs.archiveYears * 365 - inputs.s3InfrequentUntilDays;
  const objectsPerDay = 4 * 24 * inputs.objectsPerSourceRun;
  const archiveOverheadGb = (objectsPerDay * archiveDays * 40) / 1e6;
  const objectsPerMonth = objectsPerDay * daysPerMonth;
  return {
    fargate: hourly * hoursPerMonth + nightly * daysPerMonth,
    fargate_spot_backfill: backfill + retention,
    snowflake_compute: plan.snowflake.monthlyCredits * p.snowflakeCredit,
    snowflake_storage: hotTb * p.snowflakeTbMonth,
    s3_standard: standardGb * p.s3StandardGbMonth,
    s3_standard_ia: infrequentGb * p.s3StandardIaGbMonth,
    s3_deep_archive: (plan.rawGbPerDay * archiveDays + archiveOverheadGb) * p.s3DeepArchiveGbMonth,
    s3_requests: (objectsPerMonth * (p.s3PutPer1000 + p.s3GetPer1000 + p.s3StandardIaTransitionPer1000 + p.s3DeepArchiveTransitionPer1000)) / 1000,
    transfer: transferDollars(inputs, plan),
    cloudwatch: cloudwatchDollars(inputs, plan),
  };
}

/** NAT gateways (hours and the API sources' bytes) and the orders DB's bytes across zones; S3 and Snowflake in-region cost nothing. */
function transferDollars(inputs: CapacityInputs, plan: CapacityPlan): number {
  const p = inputs.prices;
  const gbPerMonth = (name: SourceName) => plan.rawGbPerDayBySource[name] * daysPerMonth;
  const natGb = (Object.keys(inputs.sources) as SourceName[]).filter((n) => inputs.sources[n].viaNat).reduce((sum, n) => sum + gbPerMonth(n), 0);
  return inputs.natGateways * p.natGatewayHour * hoursPerMonth + natGb * p.natGbProcessed + gbPerMonth('orders_db') * p.crossAzGb;
}

function cloudwatchDollars(inputs: CapacityInputs, plan: CapacityPlan): number {
  const p = inputs.prices;
  const logGb = (plan.jobs.length * hoursPerMonth * inputs.logMbPerJobRun) / 1000;
  return logGb * p.cloudwatchLogsIngestGb + logGb * inputs.logRetentionMonths * p.cloudwatchLogsStoredGbMonth + inputs.customMetrics * p.cloudwatchMetricMonth + inputs.alarms * p.cloudwatchAlarmMonth;
}

export function totalOf(cost: MonthlyCost): number {
  return Object.values(cost).reduce((sum, v) => sum + v, 0);
}

/** The `n` largest lines, largest first. */
export function largestDrivers(cost: MonthlyCost, n = 3): { line: CostLine; dollars: number; cut: string }[] {
  return (Object.entries(cost) as [CostLine, number][]).sort((a, b) => b[1] - a[1]).slice(0, n).map(([line, dollars]) => ({ line, dollars, cut: costCuts[line] }));
}
