import type { CapacityInputs, SourceLoad, SourceName } from './capacity-inputs';
import { fargateSize, type FargateSize } from './fargate-size';
import { retentionCapacity, type RetentionCapacity } from './retention-capacity';
import { addWork, creditsFor, loadWork, qualityWork, secondsOn, smallestSizeWithin, type WarehouseSize, type WarehouseWork } from './snowflake-plan';

export type SizedApp = 'extract-orders-db' | 'extract-stripe' | 'extract-zendesk' | 'extract-partner-files' | 'load' | 'quality' | 'orchestrator';

/** One hourly job: its size per task, its tasks (shards of an array job), and its seconds of work in the peak and the average hour. */
export interface JobPlan extends FargateSize {
  readonly id: string;
  readonly app: SizedApp;
  readonly shards: number;
  readonly peakSeconds: number;
  readonly averageSeconds: number;
}

export interface ChainPlan {
  readonly source: SourceName;
  readonly peakMinutes: number;
  readonly withinBudget: boolean;
}

export interface SnowflakePlan {
  readonly hourlySize: WarehouseSize;
  readonly backfillSize: WarehouseSize;
  readonly peakHourSeconds: number;
  readonly averageHourCredits: number;
  readonly nightlyCredits: number;
  readonly backfillCreditsPerMonth: number;
  readonly retentionCredits: number;
  readonly monthlyCredits: number;
  readonly monthlyCreditQuota: number;
}

export interface CapacityPlan {
  readonly jobs: readonly JobPlan[];
  readonly chains: readonly ChainPlan[];
  readonly snowflake: SnowflakePlan;
  /** Raw Parquet a day the change rates account for, and the figure storage is sized on (the larger of it and the design figure). */
  readonly derivedRawGbPerDay: number;
  readonly rawGbPerDay: number;
  readonly rawGbPerDayBySource: Readonly<Record<SourceName, number>>;
  readonly nightlyExtractSeconds: number;
  /** The monthly retention job, on the backfill queue and warehouse. */
  readonly retention: RetentionCapacity;
}

export const hoursPerMonth = 730;
export const daysPerMonth = 365 / 12;
const sourceNames: readonly SourceName[] = ['orders_db', 'stripe', 'zendesk', 'partner_files'];
const extractApp: Record<SourceName, SizedApp> = { orders_db: 'extract-orders-db', stripe: 'extract-stripe', zendesk: 'extract-zendesk', partner_files: 'extract-partner-files' };

export function averageHourRows(source: SourceLoad): number {
  return (source.rowsPerDay / 24) * source.readsPerChange;
}

/** Seconds to extract `rows`: CPU-bound extractors scale with shards of one vCPU each, rate-limited ones do not. */
export function extractSeconds(source: SourceLoad, rows: number, shards: number): number {
  return source.rateLimited ? rows / source.rowsPerSecond : rows / (source.rowsPerSecond * shards);
}

/**
 * Rows a CPU-bound extractor must write to produce `rawGb` of Parquet, when
 * that is more than the changed rows (the design figure for bytes exceeds
 * what the change rates produce). An API's rate limit counts objects, not bytes.
 */
export function extractedRows(source: SourceLoad, rows: number, rawGb: number): number {
  return source.rateLimited ? rows : Math.max(rows, (rawGb * 1e9) / source.parquetBytesPerRow);
}

/**
 * A CPU-bound extractor runs as shards of one vCPU each (its Node and DuckDB
 * threads were measured sharing one core), as many as the peak hour needs
 * within the extract budget; a rate-limited one as one small task.
 */
export function extractSize(inputs: CapacityInputs, source: SourceLoad, peakRows: number): FargateSize & { shards: number } {
  if (source.rateLimited) return { ...fargateSize(0.5, source.peakRssMb), shards: 1 };
  const shards = Math.max(1, Math.ceil(peakRows / (source.rowsPerSecond * inputs.extractBudgetMinutes * 60)));
  return { ...fargateSize(1, source.peakRssMb), shards };
}

/** Raw GB per source in an average hour: what its change rates produce, or its share of the design figure if that is more. */
export function rawGbPerHour(inputs: CapacityInputs): Record<SourceName, number> {
  return Object.fromEntries(sourceNames.map((n) => {
    const s = inputs.sources[n];
    return [n, Math.max((averageHourRows(s) * s.parquetBytesPerRow) / 1e9, (s.designShare * inputs.designRawGbPerDay) / 24)];
  })) as Record<SourceName, number>;
}

function bySource<T>(f: (name: SourceName) => T): Record<SourceName, T> {
  return Object.fromEntries(sourceNames.map((n) => [n, f(n)])) as Record<SourceName, T>;
}

export function planCapacity(inputs: CapacityInputs): CapacityPlan {
  const rawGb = rawGbPerHour(inputs);
  const peak = inputs.peakHourFactor;
  const rows = bySource((n) => averageHourRows(inputs.sources[n]));
  const loadAvg = bySource((n) => loadWork(inputs, rows[n], rawGb[n]));
  const loadPeak = bySource((n) => loadWork(inputs, rows[n] * peak, rawGb[n] * peak));
  const peakWork = addWork([...Object.values(loadPeak), qualityWork(inputs)]);
  const hourlySize = smallestSizeWithin(peakWork, inputs.snowflakeBudgetMinutes * 60);
  // The four chains' loads share one warehouse: each is timed as if it queued behind all the others.
  const peakLoadSeconds = secondsOn(hourlySize, addWork(Object.values(loadPeak)));
  const qualitySeconds = secondsOn(hourlySize, qualityWork(inputs));
  const jobs: JobPlan[] = [{ id: 'orchestrator', app: 'orchestrator', ...fargateSize(0.25, 200), shards: 1, peakSeconds: 30, averageSeconds: 30 }];
  const chains: ChainPlan[] = [];
  for (const name of sourceNames) {
    const source = inputs.sources[name];
    const average = extractedRows(source, rows[name], rawGb[name]);
    const size = extractSize(inputs, source, average * peak);
    const extract = { id: extractApp[name], app: extractApp[name], ...size, peakSeconds: extractSeconds(source, average * peak, size.shards), averageSeconds: extractSeconds(source, average, size.shards) };
    jobs.push(extract, { id: `load-${name}`, app: 'load', ...fargateSize(0.5, 400), shards: 1, peakSeconds: peakLoadSeconds, averageSeconds: secondsOn(hourlySize, loadAvg[name]) });
    // Launcher, extract, load and quality each wait for a task to start.
    const peakMinutes = (4 * inputs.jobStartSeconds + 30 + extract.peakSeconds + peakLoadSeconds + qualitySeconds) / 60;
    chains.push({ source: name, peakMinutes, withinBudget: peakMinutes <= inputs.chainBudgetMinutes });
  }
  jobs.push({ id: 'quality', app: 'quality', ...fargateSize(0.5, 400), shards: 1, peakSeconds: qualitySeconds, averageSeconds: qualitySeconds });
  const ordersShards = jobs.find((j) => j.app === 'extract-orders-db')?.shards ?? 1;
  const rawGbPerDay = Object.values(rawGb).reduce((sum, gb) => sum + gb, 0) * 24;
  const snowflake = snowflakePlan(inputs, hourlySize, addWork([...Object.values(loadAvg), qualityWork(inputs)]), secondsOn(hourlySize, peakWork));
  const retention = retentionCapacity(inputs, rawGbPerDay, hoursPerMonth + daysPerMonth, daysPerMonth, snowflake.backfillSize);
  const monthlyCredits = snowflake.monthlyCredits + retention.credits;
  return {
    jobs,
    chains,
    snowflake: {
      ...snowflake,
      retentionCredits: retention.credits,
      monthlyCredits,
      monthlyCreditQuota: Math.ceil((monthlyCredits * (1 + inputs.creditQuotaHeadroom)) / 10) * 10,
    },
    retention,
    derivedRawGbPerDay: sourceNames.reduce((sum, n) => sum + rows[n] * inputs.sources[n].parquetBytesPerRow, 0) * 24 / 1e9,
    rawGbPerDay,
    rawGbPerDayBySource: bySource((n) => rawGb[n] * 24),
    nightlyExtractSeconds: extractSeconds(inputs.sources.orders_db, inputs.nightlyKeyRows, ordersShards),
  };
}

function snowflakePlan(inputs: CapacityInputs, hourlySize: WarehouseSize, averageWork: WarehouseWork, peakHourSeconds: number): Omit<SnowflakePlan, 'retentionCredits'> {
  const averageHourCredits = creditsFor(hourlySize, averageWork, inputs.resumesPerHour, inputs.autoSuspendSeconds);
  const nightlyWork: WarehouseWork = { scalableXsSeconds: (inputs.nightlyKeyRows / 1e6) * inputs.mergeXsSecondsPerMillionRows, fixedSeconds: 0 };
  const nightlyCredits = creditsFor(hourlySize, nightlyWork, 1, inputs.autoSuspendSeconds);
  // A backfill loads days at a time, so per-statement overheads vanish: only the scalable work counts.
  const backfillWork: WarehouseWork = { scalableXsSeconds: averageWork.scalableXsSeconds * 24 * inputs.backfillDaysPerMonth, fixedSeconds: 0 };
  const monthOfData: WarehouseWork = { scalableXsSeconds: averageWork.scalableXsSeconds * 24 * daysPerMonth, fixedSeconds: 0 };
  const backfillSize = smallestSizeWithin(monthOfData, inputs.backfillHoursPerDataMonth * 3600);
  const backfillCreditsPerMonth = creditsFor(backfillSize, backfillWork, 0, 0);
  const monthlyCredits = averageHourCredits * hoursPerMonth + nightlyCredits * daysPerMonth + backfillCreditsPerMonth;
  return {
    hourlySize,
    backfillSize,
    peakHourSeconds,
    averageHourCredits,
    nightlyCredits,
    backfillCreditsPerMonth,
    monthlyCredits,
    monthlyCreditQuota: Math.ceil((monthlyCredits * (1 + inputs.creditQuotaHeadroom)) / 10) * 10,
  };
}
