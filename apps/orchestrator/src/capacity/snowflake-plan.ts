import type { CapacityInputs, SourceName } from './capacity-inputs';

/** Spelled as Snowflake's WAREHOUSE_SIZE (and its Terraform provider) take them. */
export const warehouseSizes = ['XSMALL', 'SMALL', 'MEDIUM', 'LARGE', 'XLARGE', 'XXLARGE', 'XXXLARGE', 'X4LARGE'] as const;
export type WarehouseSize = (typeof warehouseSizes)[number];

/** Credits an hour: XSMALL 1, each size up twice the one below (Snowflake's standard warehouses). */
export function creditsPerHour(size: WarehouseSize): number {
  return 2 ** warehouseSizes.indexOf(size);
}

/** Warehouse work of one hour: `scalable` XSMALL-seconds shrink with size; `fixed` seconds (compile, commit) do not. */
export interface WarehouseWork {
  readonly scalableXsSeconds: number;
  readonly fixedSeconds: number;
}

export function secondsOn(size: WarehouseSize, work: WarehouseWork): number {
  return work.scalableXsSeconds / creditsPerHour(size) + work.fixedSeconds;
}

/** The smallest size that does `work` within `budgetSeconds`; the largest if none does. */
export function smallestSizeWithin(work: WarehouseWork, budgetSeconds: number): WarehouseSize {
  return warehouseSizes.find((size) => secondsOn(size, work) <= budgetSeconds) ?? warehouseSizes[warehouseSizes.length - 1];
}

/** Credits billed for `work` on `size`, plus the auto-suspend tail after each resume. */
export function creditsFor(size: WarehouseSize, work: WarehouseWork, resumes: number, autoSuspendSeconds: number): number {
  return ((secondsOn(size, work) + resumes * autoSuspendSeconds) * creditsPerHour(size)) / 3600;
}

/** One source's load in an hour with `rows` changed rows and `rawGb` of Parquet to COPY. */
export function loadWork(inputs: CapacityInputs, rows: number, rawGb: number): WarehouseWork {
  const copy = (rawGb / inputs.copyGbPerXsHour) * 3600;
  const merge = ((rows * inputs.mergesPerChangedRow) / 1e6) * inputs.mergeXsSecondsPerMillionRows;
  return { scalableXsSeconds: copy + merge, fixedSeconds: inputs.statementsPerHourlyLoad * inputs.xsSecondsPerStatement };
}

export function qualityWork(inputs: CapacityInputs): WarehouseWork {
  return { scalableXsSeconds: 0, fixedSeconds: inputs.qualityChecks * inputs.xsSecondsPerStatement };
}

export function addWork(parts: readonly WarehouseWork[]): WarehouseWork {
  return {
    scalableXsSeconds: parts.reduce((sum, p) => sum + p.scalableXsSeconds, 0),
    fixedSeconds: parts.reduce((sum, p) => sum + p.fixedSeconds, 0),
  };
}

export type SourceWork = Readonly<Record<SourceName, WarehouseWork>>;
