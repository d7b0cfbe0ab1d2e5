/**
 * Every number the capacity model uses, by name. docs/capacity.md says for
 * each whether it was measured here, is an assumption, or is a list price
 * (with its date); `measuredInputs` names the measured ones for the printout.
 */
export type SourceName = 'orders_db' | 'stripe' | 'zendesk' | 'partner_files';

export interface SourceLoad {
  /** Rows (or API objects) changed per day, from the business volumes. */
  readonly rowsPerDay: number;
  /** How many times an hourly run reads each change (the lookback overlap). */
  readonly readsPerChange: number;
  /** Rows per second one vCPU extracts, or, when `rateLimited`, the whole job's rate. */
  readonly rowsPerSecond: number;
  readonly rateLimited: boolean;
  readonly parquetBytesPerRow: number;
  readonly peakRssMb: number;
  /** This source's share of the design figure for raw bytes a day (the shares add up to 1). */
  readonly designShare: number;
  /** True where the bytes cross a NAT gateway (public APIs). */
  readonly viaNat: boolean;
}

export interface Prices {
  readonly fargateVcpuHour: number;
  readonly fargateGbHour: number;
  readonly fargateSpotVcpuHour: number;
  readonly fargateSpotGbHour: number;
  readonly snowflakeCredit: number;
  readonly snowflakeTbMonth: number;
  readonly s3StandardGbMonth: number;
  readonly s3StandardIaGbMonth: number;
  readonly s3DeepArchiveGbMonth: number;
  readonly s3PutPer1000: number;
  readonly s3GetPer1000: number;
  readonly s3StandardIaTransitionPer1000: number;
  readonly s3DeepArchiveTransitionPer1000: number;
  readonly natGatewayHour: number;
  readonly natGbProcessed: number;
  readonly crossAzGb: number;
  readonly cloudwatchLogsIngestGb: number;
  readonly cloudwatchLogsStoredGbMonth: number;
  readonly cloudwatchMetricMonth: number;
  readonly cloudwatchAlarmMonth: number;
}

export interface CapacityInputs {
  readonly sources: Readonly<Record<SourceName, SourceLoad>>;
  readonly designRawGbPerDay: number;
  readonly peakHourFactor: number;
  readonly chainBudgetMinutes: number;
  readonly extractBudgetMinutes: number;
  readonly snowflakeBudgetMinutes: number;
  readonly jobStartSeconds: number;
  readonly copyGbPerXsHour: number;
  readonly mergeXsSecondsPerMillionRows: number;
  readonly mergesPerChangedRow: number;
  readonly statementsPerHourlyLoad: number;
  readonly xsSecondsPerStatement: number;
  readonly qualityChecks: number;
  readonly nightlyKeyRows: number;
  readonly resumesPerHour: number;
  readonly autoSuspendSeconds: number;
  readonly backfillDaysPerMonth: number;
  readonly backfillHoursPerDataMonth: number;
  readonly creditQuotaHeadroom: number;
  readonly snowflakeBytesPerRawByte: number;
  readonly modelledBytesPerRawByte: number;
  readonly hotYears: number;
  readonly archiveYears: number;
  /** Days in S3 Standard, then Standard-IA until `s3InfrequentUntilDays`, then Deep Archive (the raw bucket's lifecycle in terraform/modules/storage). */
  readonly s3StandardDays: number;
  readonly s3InfrequentUntilDays: number;
  /** The monthly retention job: raw tables it checks and deletes a month of, and seconds per S3 request of its archive check (one at a time). */
  readonly rawTables: number;
  readonly s3RequestSeconds: number;
  readonly objectsPerSourceRun: number;
  readonly natGateways: number;
  readonly logMbPerJobRun: number;
  readonly logRetentionMonths: number;
  readonly customMetrics: number;
  readonly alarms: number;
  readonly prices: Prices;
}

/**
 * From docs/performance.md: the orders DB bench (2026-11-29, 5M rows, one
 * core), the partner-files bench (2026-12-06, 1 GB files, the slowest of
 * its four cases) and the Stripe and Zendesk benches' peak RSS (2026-12-06,
 * 1M charges, 100k tickets); the rest are assumptions or prices.
 */
export const measuredInputs = [
  'sources.orders_db.rowsPerSecond',
  'sources.orders_db.parquetBytesPerRow',
  'sources.orders_db.peakRssMb',
  'sources.partner_files.rowsPerSecond',
  'sources.partner_files.peakRssMb',
  'sources.stripe.peakRssMb',
  'sources.zendesk.peakRssMb',
] as const;

/** List prices: AWS us-east-1 and Snowflake Enterprise on AWS US East, as published in 2025-06; not fetched by this code. */
export const pricesDated = '2025-06';

const ordersTotal = 120_000_000;
const customersTotal = 15_000_000;
const hotDays = 3 * 365;
/** New orders a day if the 120M orders are the 3 hot years: ~110k. */
const newOrdersPerDay = ordersTotal / hotDays;

/** Rows of the orders DB changed a day: each order ~4 versions, 2.5 lines of ~1.5 versions, 1% of customers, 20k product rows. */
export const ordersDbRowsPerDay = newOrdersPerDay * 4 + newOrdersPerDay * 2.5 * 1.5 + customersTotal * 0.01 + 20_000;

export const baseInputs: CapacityInputs = {
  sources: {
    orders_db: { rowsPerDay: ordersDbRowsPerDay, readsPerChange: 2, rowsPerSecond: 815_073, rateLimited: false, parquetBytesPerRow: 14.56, peakRssMb: 285, designShare: 0.45, viaNat: false },
    stripe: { rowsPerDay: newOrdersPerDay * 1.055, readsPerChange: 2, rowsPerSecond: 1_000, rateLimited: true, parquetBytesPerRow: 200, peakRssMb: 328, designShare: 0.1, viaNat: true },
    zendesk: { rowsPerDay: newOrdersPerDay * 0.03 * 10, readsPerChange: 1, rowsPerSecond: 166, rateLimited: true, parquetBytesPerRow: 400, peakRssMb: 189, designShare: 0.15, viaNat: true },
    partner_files: { rowsPerDay: newOrdersPerDay * 3, readsPerChange: 1, rowsPerSecond: 143_501, rateLimited: false, parquetBytesPerRow: 40, peakRssMb: 287, designShare: 0.3, viaNat: false },
  },
  designRawGbPerDay: 400,
  peakHourFactor: 3,
  chainBudgetMinutes: 45,
  extractBudgetMinutes: 10,
  snowflakeBudgetMinutes: 15,
  jobStartSeconds: 60,
  copyGbPerXsHour: 40,
  mergeXsSecondsPerMillionRows: 20,
  mergesPerChangedRow: 2.5,
  statementsPerHourlyLoad: 10,
  xsSecondsPerStatement: 1.5,
  qualityChecks: 40,
  nightlyKeyRows: ordersTotal * 3.5 + customersTotal,
  resumesPerHour: 4,
  autoSuspendSeconds: 60,
  backfillDaysPerMonth: 30,
  backfillHoursPerDataMonth: 24,
  creditQuotaHeadroom: 0.25,
  snowflakeBytesPerRawByte: 1,
  modelledBytesPerRawByte: 0.1,
  hotYears: 3,
  archiveYears: 7,
  s3StandardDays: 30,
  s3InfrequentUntilDays: 365,
  rawTables: 15,
  s3RequestSeconds: 0.03,
  objectsPerSourceRun: 6,
  natGateways: 2,
  logMbPerJobRun: 2,
  logRetentionMonths: 1,
  customMetrics: 40,
  alarms: 20,
  prices: {
    fargateVcpuHour: 0.04048,
    fargateGbHour: 0.004445,
    fargateSpotVcpuHour: 0.01242,
    fargateSpotGbHour: 0.00136,
    snowflakeCredit: 3.0,
    snowflakeTbMonth: 23,
    s3StandardGbMonth: 0.023,
    s3StandardIaGbMonth: 0.0125,
    s3DeepArchiveGbMonth: 0.00099,
    s3PutPer1000: 0.005,
    s3GetPer1000: 0.0004,
    s3StandardIaTransitionPer1000: 0.01,
    s3DeepArchiveTransitionPer1000: 0.05,
    natGatewayHour: 0.045,
    natGbProcessed: 0.045,
    crossAzGb: 0.02,
    cloudwatchLogsIngestGb: 0.5,
    cloudwatchLogsStoredGbMonth: 0.03,
    cloudwatchMetricMonth: 0.3,
    cloudwatchAlarmMonth: 0.1,
  },
};

/** The low and high cases: what moves, and how far, against the base. */
export type CaseName = 'low' | 'base' | 'high' | 'entities';
export const caseNames: readonly CaseName[] = ['low', 'base', 'high', 'entities'];

/** `entities`: the base case with raw bytes as the change rates produce them, not the design figure. */
export function caseInputs(name: CaseName): CapacityInputs {
  if (name === 'base') return baseInputs;
  if (name === 'entities') return { ...baseInputs, designRawGbPerDay: 0 };
  const f = name === 'low'
    ? { rows: 0.5, raw: 200, peak: 2, copy: 60, merge: 10, backfill: 10, ratio: 0.8 }
    : { rows: 2, raw: 600, peak: 4, copy: 25, merge: 40, backfill: 60, ratio: 1.2 };
  const sources = Object.fromEntries(Object.entries(baseInputs.sources).map(([k, s]) => [k, { ...s, rowsPerDay: s.rowsPerDay * f.rows }])) as unknown as Record<SourceName, SourceLoad>;
  return {
    ...baseInputs,
    sources,
    designRawGbPerDay: f.raw,
    peakHourFactor: f.peak,
    copyGbPerXsHour: f.copy,
    mergeXsSecondsPerMillionRows: f.merge,
    backfillDaysPerMonth: f.backfill,
    snowflakeBytesPerRawByte: f.ratio,
  };
}
