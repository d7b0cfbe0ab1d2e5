import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { TransientError, type Logger } from '@northstar/core';
import { fragment, renderSql, sqlTemplatesIn } from '@northstar/sql';
import { tableExists, type Warehouse } from '@northstar/warehouse';

const sql = sqlTemplatesIn(path.join(__dirname, '../sql'));
const takeSql = sql('take_load_lock');
const readSql = sql('read_load_lock');
const moveSql = sql('move_load_lock');
const dropSql = sql('drop_load_lock');

export interface SourceLoadLockOptions {
  /** A lock older than this (on the warehouse's clock) is taken for a crashed load's. */
  readonly ttlMs: number;
  readonly logger: Logger;
  /** Runs between reading a stale lock and renaming it: tests widen the race window here. */
  readonly beforeTakeOver?: () => Promise<void>;
}

interface HeldLock {
  readonly holder: string;
  readonly acquiredAt: Date;
  readonly ageMs: number;
}

/**
 * One load of a source at a time, across processes and hosts: two loads at
 * once would both copy a file the ledger does not list yet (Snowflake
 * enforces no keys), and one could record a model's progress past rows the
 * other has not committed yet, which staging would then never read. The lock
 * is a table, `ops.load_lock__<source>`: creating a table is atomic, where a
 * row-based lock is not on Snowflake. A load that finds it held stops before
 * loading anything, as transient (exit 75), and is retried.
 */
export class SourceLoadLock {
  private constructor(
    private readonly warehouse: Warehouse,
    private readonly source: string,
    readonly holder: string,
    private readonly logger: Logger,
  ) {}

  static async take(warehouse: Warehouse, source: string, runId: string, options: SourceLoadLockOptions): Promise<SourceLoadLock> {
    // Two attempts of one run id are still two loads.
    const holder = `${runId}#${randomUUID().slice(0, 8)}`;
    const table = lockTable(source);
    let unexplained: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const failure = await create(warehouse, table, holder);
      if (failure === undefined) return new SourceLoadLock(warehouse, source, holder, options.logger);
      const held = (await tableExists(warehouse, table)) ? await read(warehouse, table) : undefined;
      if (held === undefined) {
        // No lock there: released in between (try again), or the create failed for another reason (rights, connection).
        unexplained = failure;
        continue;
      }
      unexplained = undefined;
      if (held.ageMs < options.ttlMs) {
        throw new TransientError(
          `${source}: another load holds it (run ${held.holder}, since ${held.acquiredAt.toISOString()}, ${Math.round(held.ageMs / 60_000)} min ago on the warehouse's clock); ` +
            'this load stopped before loading anything and is retried. A lock older than NORTHSTAR_LOAD_LOCK_TTL_MINUTES is taken over.',
        );
      }
      options.logger.warn(
        { source, holder: held.holder, acquiredAt: held.acquiredAt.toISOString(), ageMinutes: Math.round(held.ageMs / 60_000) },
        'load lock older than NORTHSTAR_LOAD_LOCK_TTL_MINUTES: taking it over from a load that presumably died',
      );
      await options.beforeTakeOver?.();
      await takeOver(warehouse, table, held, source);
    }
    if (unexplained !== undefined) throw unexplained;
    throw new TransientError(`${source}: other loads kept taking the load lock first; this load stopped before loading anything and is retried`);
  }

  /** Drops the lock if it is still this load's: one taken over from it (the load outlived the TTL) is the new holder's. */
  async release(): Promise<void> {
    const table = lockTable(this.source);
    const held = await read(this.warehouse, table).catch(() => undefined);
    if (held?.holder !== this.holder) {
      this.logger.warn({ source: this.source, holder: this.holder, heldBy: held?.holder }, 'load lock was taken over while this load ran: NORTHSTAR_LOAD_LOCK_TTL_MINUTES is shorter than this load took');
      return;
    }
    await this.warehouse.run(renderSql(dropSql, this.warehouse.dialect, { idents: { lock_table: table } }));
  }
}

export function lockTable(source: string): string {
  return `ops.load_lock__${source}`;
}

/** undefined when this load created the lock; otherwise why it could not (usually: it exists). */
async function create(warehouse: Warehouse, table: string, holder: string): Promise<unknown> {
  try {
    await warehouse.run(renderSql(takeSql, warehouse.dialect, { idents: { lock_table: table }, fragments: { holder: fragment(warehouse.dialect.literal(holder)) } }));
    return undefined;
  } catch (error) {
    return error;
  }
}

async function read(warehouse: Warehouse, table: string): Promise<HeldLock | undefined> {
  const rows = await warehouse.query<{ holder: string; acquired_at: string | Date; checked_at: string | Date }>(
    renderSql(readSql, warehouse.dialect, { idents: { lock_table: table } }),
  );
  const row = rows[0];
  if (!row) return undefined;
  const acquiredAt = new Date(row.acquired_at);
  return { holder: row.holder, acquiredAt, ageMs: new Date(row.checked_at).getTime() - acquiredAt.getTime() };
}

/**
 * Renames the stale lock out of the way, then drops it. Of two loads taking
 * over at once only one rename succeeds; the other finds no table, and the
 * caller's next create settles who holds it. A load delayed between reading
 * the stale lock and renaming can instead rename the lock another load has
 * just taken over and created afresh: so the renamed table must be the stale
 * holder that was read, or it is renamed back and this load stops (exit 75).
 */
async function takeOver(warehouse: Warehouse, table: string, stale: HeldLock, source: string): Promise<void> {
  const [schema, name] = table.split('.');
  const movedName = `${name}__stale_${randomUUID().slice(0, 8)}`;
  const movedTable = `${schema}.${movedName}`;
  try {
    await warehouse.run(renderSql(moveSql, warehouse.dialect, { idents: { lock_table: table, moved_table: renameTarget(warehouse, movedTable) } }));
  } catch {
    return;
  }
  const moved = await read(warehouse, movedTable);
  if (moved && (moved.holder !== stale.holder || moved.acquiredAt.getTime() !== stale.acquiredAt.getTime())) {
    await warehouse.run(renderSql(moveSql, warehouse.dialect, { idents: { lock_table: movedTable, moved_table: renameTarget(warehouse, table) } }));
    throw new TransientError(
      `${source}: another load took the stale lock over first (now held by ${moved.holder}); this load put that lock back, stopped before loading anything and is retried`,
    );
  }
  await warehouse.run(renderSql(dropSql, warehouse.dialect, { idents: { lock_table: movedTable } }));
}

/** DuckDB renames within the schema and takes a bare name; Snowflake takes a qualified one. */
function renameTarget(warehouse: Warehouse, table: string): string {
  return warehouse.dialect.name === 'snowflake' ? table : table.slice(table.indexOf('.') + 1);
}
