import { DataContractError, extractWindow, type Logger, type NorthstarConfig, type RunParameters, type TimeWindow } from '@northstar/core';
import { detectSchemaDrift } from '@northstar/contracts';
import { extractToRawZone, readWatermark, type ExtractionDeps, type ExtractionResult } from '@northstar/extract';
import type { WarehouseSession } from '@northstar/warehouse';
import type { OrdersDbSource } from './orders-db-source';
import type { OrdersDbStream } from './streams';

export interface OrdersDbExtractionDeps extends ExtractionDeps {
  readonly config: Pick<NorthstarConfig, 'initialStart' | 'lookbackMs' | 'safetyLagMs'>;
  readonly warehouse: WarehouseSession;
  readonly source: OrdersDbSource;
  readonly logger: Logger;
}

/** Extracts each stream's window from one snapshot of the orders DB. */
export async function extractOrdersDb(run: RunParameters, streams: readonly OrdersDbStream[], deps: OrdersDbExtractionDeps): Promise<ExtractionResult[]> {
  const results: ExtractionResult[] = [];
  for (const stream of streams) {
    const logger = deps.logger.child({ entity: stream.contract.entity });
    const window = await windowFor(run, stream, deps);
    const drift = await checkDrift(stream, deps.source);
    logger.info({ window: { start: window.start.toISOString(), end: window.end.toISOString() }, added: drift.added }, 'extracting');
    results.push(
      await extractToRawZone(
        {
          contract: stream.contract,
          runId: run.runId,
          mode: run.mode,
          scheduledAt: run.scheduledAt,
          window,
          proposedWatermark: window.end,
          openCsv: () => deps.source.copyWindow(stream.table, stream.contract.columns, stream.contract.cursor, window),
          drift,
        },
        { ...deps, logger },
      ),
    );
  }
  return results;
}

async function windowFor(run: RunParameters, stream: OrdersDbStream, deps: OrdersDbExtractionDeps): Promise<TimeWindow> {
  if (run.window) return run.window;
  const watermark = await readWatermark(deps.warehouse, stream.contract);
  return extractWindow({
    watermark,
    initialStart: deps.config.initialStart,
    now: run.scheduledAt,
    lookbackMs: deps.config.lookbackMs,
    safetyLagMs: deps.config.safetyLagMs,
  });
}

/** Added source columns are reported and ignored; missing or retyped ones stop the run (exit 3). */
async function checkDrift(stream: OrdersDbStream, source: OrdersDbSource): Promise<{ added: string[] }> {
  const observed = await source.observedColumns(stream.table);
  if (observed.length === 0) throw new DataContractError(`orders DB: table "${stream.table}" does not exist or has no columns`);
  const drift = detectSchemaDrift(stream.contract, observed);
  if (drift.breaking) {
    const problems = [
      ...drift.missing.map((name) => `column "${name}" is missing`),
      ...drift.retyped.map((r) => `column "${r.name}" is ${describeType(r.observed)} in the source, the contract (v${stream.contract.version}) says ${describeType(r.expected)}`),
    ];
    throw new DataContractError(`orders DB table "${stream.table}": ${problems.join('; ')}`);
  }
  return { added: [...drift.added] };
}

function describeType(type: unknown): string {
  const t = type as { kind?: string; precision?: number; scale?: number } | undefined;
  if (!t?.kind) return 'of an unsupported type';
  return t.kind === 'decimal' ? `decimal(${t.precision}, ${t.scale})` : t.kind;
}
