import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from '@northstar/core';
import { shipmentsContract, type PartnerFormat } from '@northstar/contracts';
import type { EncodedRecords, EncodedRecordStream, ShardSpec, StreamPosition } from '@northstar/extract';
import type { ObjectStore } from '@northstar/object-store';
import type { Warehouse } from '@northstar/warehouse';
import { untakenPartnerObjects, type PartnerObject } from '../partner-file-discovery';
import { quarantinePartnerFile } from '../partner-file-quarantine';
import { GoodRowSpool } from '../good-row-spool';
import { readPartnerFile, type FileVerdict } from '../partner-file-reader';
import type { QuarantineNotice } from '../partner-quarantine-report';

export interface ShipmentsStreamDeps {
  readonly store: ObjectStore;
  readonly warehouse: Warehouse;
  readonly formats: readonly PartnerFormat[];
  readonly maskKey: string | undefined;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly tempDir: string;
  readonly runId: string;
  /** An array job's slice: the objects whose key hashes to this index. */
  readonly shard?: ShardSpec;
}

/**
 * Shipments from every partner file not taken before, each file read once:
 * its good rows spool to local disk as CSV while the pass decides its
 * verdict, then go to the runtime as they are (or are dropped with the
 * file) and the file is recorded in the run's ledger; a broken file is
 * copied to quarantine and recorded as such, and the other files go on.
 */
export function shipmentsStream(deps: ShipmentsStreamDeps): EncodedRecordStream & { readonly quarantined: readonly QuarantineNotice[] } {
  const quarantined: QuarantineNotice[] = [];
  return {
    contract: shipmentsContract,
    quarantined,
    async *readEncoded(position: StreamPosition): AsyncGenerator<EncodedRecords> {
      const objects = (await untakenPartnerObjects(shipmentsContract, deps.formats, deps)).filter((o) => inShard(o.key, deps.shard));
      deps.logger.info({ files: objects.length, partners: [...new Set(objects.map((o) => o.partner))] }, 'partner files to take');
      // Shards of an array job may share the spool directory.
      const spoolId = randomBytes(4).toString('hex');
      for (const [index, object] of objects.entries()) {
        const format = deps.formats.find((f) => f.name === object.partner);
        if (!format) continue;
        const spool = GoodRowSpool.in(deps.tempDir, `partner-file-${spoolId}-${index}.csv`);
        try {
          const verdict = await readPartnerFile(() => deps.store.openRead(object.key), object.key, format, deps.maskKey, spool.add);
          if (verdict.outcome === 'quarantined') {
            spool.remove();
            quarantined.push(await quarantine(object, verdict, position, deps));
            continue;
          }
          for (const problem of verdict.problems) position.reject({ sourceFile: object.key, ...problem });
          yield* spool.read(verdict.unknownFields);
          position.recordObject(ledgerEntry(object, verdict));
          deps.logger.info({ partner: object.partner, file: object.key, rows: verdict.rowsTaken, rejected: verdict.rowsRejected, unmapped: verdict.unmapped }, 'partner file taken');
        } finally {
          spool.remove();
        }
      }
      // The ledger decides what is new (late files land under old folders); the checkpoint records when the listing was taken.
      // A shard proposes none: shards' checkpoints cannot be merged, and the ledger does not need one.
      if (!deps.shard) position.advanceTo(JSON.stringify({ listedAt: deps.clock().toISOString(), taken: objects.length }));
    },
  };
}

async function quarantine(object: PartnerObject, verdict: FileVerdict, position: StreamPosition, deps: ShipmentsStreamDeps): Promise<QuarantineNotice> {
  const reason = verdict.reason ?? 'refused';
  const copy = await quarantinePartnerFile(deps.store, object, reason, { runId: deps.runId, now: deps.clock(), tempDir: deps.tempDir });
  position.recordObject({ ...ledgerEntry(object, verdict), reason, quarantineId: copy.id, quarantineKey: copy.key });
  for (const problem of verdict.problems) position.reject({ sourceFile: object.key, ...problem });
  deps.logger.error({ partner: object.partner, file: object.key, quarantineId: copy.id, quarantineKey: copy.key, reason }, 'partner file quarantined');
  return { partner: object.partner, objectKey: object.key, id: copy.id, reason };
}

function ledgerEntry(object: PartnerObject, verdict: FileVerdict) {
  return {
    key: object.key, etag: object.etag, sizeBytes: object.size, partner: object.partner,
    outcome: verdict.outcome, rowsTaken: verdict.rowsTaken, rowsRejected: verdict.rowsRejected,
  };
}

/** A stable slice by key: a replaced object stays in its shard, so one shard decides whether it is new. */
export function inShard(key: string, shard: ShardSpec | undefined): boolean {
  if (!shard) return true;
  return createHash('sha256').update(key).digest().readUInt32BE(0) % shard.count === shard.index;
}
