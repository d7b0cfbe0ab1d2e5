import { formatTextTable } from '@northstar/core';
import { measuredInputs, pricesDated, type CapacityInputs, type CaseName } from './capacity-inputs';
import type { CapacityPlan } from './capacity-model';
import { largestDrivers, totalOf, type CostLine, type MonthlyCost } from './monthly-cost';

export const monthlyCapDollars = 15_000;

export interface CapacityCase {
  readonly name: CaseName;
  readonly inputs: CapacityInputs;
  readonly plan: CapacityPlan;
  readonly cost: MonthlyCost;
}

const round = (n: number, digits = 0) => Number(n.toFixed(digits));

/** The printout of `npm run capacity`: the hour of the base case, then the month of every case against the cap. */
export function formatCapacityReport(cases: readonly CapacityCase[]): string {
  const base = cases.find((c) => c.name === 'base') ?? cases[0];
  return [
    `Measured here (docs/performance.md): ${measuredInputs.join(', ')}. Everything else is an assumption (docs/capacity.md) or a list price of ${pricesDated}.`,
    '',
    `Per hour, base case (peak hour = ${base.inputs.peakHourFactor} x the average hour):`,
    formatTextTable(base.plan.jobs.map((j) => ({ job: j.id, vcpu: j.vcpu, memory_mib: j.memoryMib, shards: j.shards, peak_s: round(j.peakSeconds), average_s: round(j.averageSeconds) }))),
    '',
    formatTextTable(base.plan.chains.map((c) => ({ chain: c.source, peak_minutes: round(c.peakMinutes, 1), budget_minutes: base.inputs.chainBudgetMinutes, within: c.withinBudget ? 'yes' : 'NO' }))),
    '',
    `Snowflake: hourly warehouse ${base.plan.snowflake.hourlySize} (${round(base.plan.snowflake.peakHourSeconds)} s busy in the peak hour), ` +
      `${round(base.plan.snowflake.averageHourCredits, 2)} credits in an average hour; backfills on ${base.plan.snowflake.backfillSize}; ` +
      `resource monitor quota ${base.plan.snowflake.monthlyCreditQuota} credits/month.`,
    `Retention (monthly, backfill queue, ${base.plan.snowflake.backfillSize} warehouse): ${round(base.plan.retention.seconds / 3600, 1)} h at most ` +
      `(archive check ${round(base.plan.retention.s3Seconds)} s of S3 requests, warehouse ${round(base.plan.retention.warehouseSeconds)} s), ${round(base.plan.retention.credits)} credits.`,
    `Raw Parquet: ${round(base.plan.rawGbPerDay)} GB/day sized on; the change rates alone produce ${round(base.plan.derivedRawGbPerDay, 2)} GB/day.`,
    '',
    'Per month, USD, at full retention:',
    formatTextTable(monthTable(cases)),
    '',
    'Largest cost drivers (base) and what would cut each:',
    ...largestDrivers(base.cost).map((d, i) => `${i + 1}. ${d.line} $${round(d.dollars).toLocaleString('en-US')}: ${d.cut}`),
  ].join('\n');
}

function monthTable(cases: readonly CapacityCase[]): Record<string, string | number>[] {
  const lines = Object.keys(cases[0].cost) as CostLine[];
  const row = (label: string, value: (c: CapacityCase) => string | number) => ({ line: label, ...Object.fromEntries(cases.map((c) => [c.name, value(c)])) });
  return [
    ...lines.map((line) => row(line, (c) => round(c.cost[line]))),
    row('total', (c) => round(totalOf(c.cost))),
    row(`cap ${monthlyCapDollars}`, (c) => (totalOf(c.cost) <= monthlyCapDollars ? 'within' : 'OVER')),
  ];
}
