import { formatTextTable } from '@northstar/core';
import type { LoadBenchScale } from './load-bench';
import type { PipelineHourFigures } from './pipeline-hour';

type Phase = 'firstLoad' | 'oneHour';
const phases: readonly [Phase, string][] = [['firstLoad', 'first load'], ['oneHour', 'one hour']];

/** Seconds of the jobs whose id starts with `prefix` (extract-, load-, quality): a source or domain may have several. */
function jobSeconds(figures: PipelineHourFigures, prefix: string): number {
  return round(Object.entries(figures.jobs).filter(([id]) => id.startsWith(prefix)).reduce((sum, [, s]) => sum + s, 0));
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Seconds per step and scale, seconds per model, and the ratios the targets are stated in, as text tables. */
export function loadBenchReport(results: readonly LoadBenchScale[]): string {
  const steps = results.flatMap((r) => phases.map(([phase, label]) => ({
    scale: r.scale, orders: r.orders, phase: label,
    'extract s': jobSeconds(r[phase], 'extract'), 'load s': jobSeconds(r[phase], 'load'), 'quality s': jobSeconds(r[phase], 'quality'),
    'pipeline s': round(r[phase].seconds), 'peak RSS MB': r[phase].peakRssMb,
  })));
  const models = [...new Set(results.flatMap((r) => phases.flatMap(([p]) => Object.keys(r[p].models))))];
  const perModel = models.map((model) => Object.fromEntries([
    ['model', model],
    ...results.flatMap((r) => phases.map(([p, label]) => [`${label} x${r.scale} s`, round(r[p].models[model] ?? 0)])),
  ]));
  return [formatTextTable(steps), '', formatTextTable(perModel), '', ratios(results)].join('\n');
}

/** Each scale against the smallest: rows, and time for the first load's load step and the hour's load and quality steps. */
function ratios(results: readonly LoadBenchScale[]): string {
  const base = results[0];
  if (!base || results.length < 2) return 'ratios: need two scales';
  const rows = results.slice(1).map((r) => ({
    scales: `x${r.scale} / x${base.scale}`,
    rows: round(r.orders / base.orders),
    'first load: load': round(jobSeconds(r.firstLoad, 'load') / jobSeconds(base.firstLoad, 'load')),
    'first load: pipeline': round(r.firstLoad.seconds / base.firstLoad.seconds),
    'one hour: load': round(jobSeconds(r.oneHour, 'load') / jobSeconds(base.oneHour, 'load')),
    'one hour: quality': round(jobSeconds(r.oneHour, 'quality') / jobSeconds(base.oneHour, 'quality')),
  }));
  return `ratios (targets at 10x: first load <= 12x the time; one hour <= 1.3x for load and for quality)\n${formatTextTable(rows)}`;
}
