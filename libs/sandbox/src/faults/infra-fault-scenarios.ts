import * as path from 'node:path';
import type { FaultScenario } from './fault-scenario';
import { HOUR_MS } from './fault-stage';
import { CopyCutProxy } from './copy-cut-proxy';
import { holdWarehouseFile, mountSmallTmpfs, terminateExtractorSessions } from './outside-holds';
import { withS3RawZone } from './s3-raw-zone';
import { expectExit, failureReason, howItEnded, retryAndGoOn } from './scenario-steps';

/** Three hours before the suite started, on the hour: the clock fault needs sandbox hours in the source's real past. */
const recentHour = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 3 * HOUR_MS);

/** Where the source restart lands: well into the orders COPY, far from its end. */
const CUT_AFTER_BYTES = 64 * 1024;

/** Faults around the pipeline: the warehouse, the object store, the source server, the disk and the clock. */
export const infraFaultScenarios: readonly FaultScenario[] = [
  {
    name: 'warehouse_file_locked',
    summary: 'another process holds the DuckDB warehouse file during the 07:00 run; released, then the run retried',
    async run(stage) {
      await stage.baseline();
      await stage.sandbox.advanceHour(stage.hour(0));
      if (stage.config.warehouse.kind !== 'duckdb') throw new Error('warehouse_file_locked needs the DuckDB warehouse');
      const holder = await holdWarehouseFile(stage.config.warehouse.path);
      let locked;
      try {
        locked = await stage.pipeline('hourly', stage.hour(1));
      } finally {
        await holder.release();
      }
      const retry = await stage.pipeline('hourly', stage.hour(1));
      return {
        did: `07:00 while locked ${howItEnded(locked)}; retry ${howItEnded(retry)}`,
        windowEnd: stage.hour(1),
        problems: [...expectExit('the run on a locked warehouse', locked, [75]), ...expectExit('retry', retry, [0])],
      };
    },
  },
  {
    name: 'object_store_503',
    summary: 's3:// raw zone (s3rver behind the fault proxy) answering every third request 503 SlowDown, for 06:00 and 07:00',
    async run(stage) {
      return withS3RawZone(async (zone) => {
        zone.proxy.set({ fail503Every: 3 });
        const first = await stage.pipeline('hourly', stage.hour(0), zone.env);
        await stage.sandbox.advanceHour(stage.hour(0));
        const next = await stage.pipeline('hourly', stage.hour(1), zone.env);
        const { requests, failed503 } = zone.proxy.stats();
        return {
          did: `${failed503} of ${requests} requests got 503; 06:00 ${howItEnded(first)}; 07:00 ${howItEnded(next)}${first.code ? ` (${failureReason(first)})` : ''}`,
          windowEnd: stage.hour(1),
          problems: [...expectExit('06:00', first, [0]), ...expectExit('07:00', next, [0])],
        };
      });
    },
  },
  {
    name: 'object_store_slow',
    summary: 's3:// raw zone (s3rver behind the fault proxy) answering every request 400 ms late, for 06:00 and 07:00',
    async run(stage) {
      return withS3RawZone(async (zone) => {
        zone.proxy.set({ delayMs: 400 });
        const first = await stage.pipeline('hourly', stage.hour(0), zone.env);
        await stage.sandbox.advanceHour(stage.hour(0));
        const next = await stage.pipeline('hourly', stage.hour(1), zone.env);
        return {
          did: `${zone.proxy.stats().delayed} requests delayed 400 ms; 06:00 ${howItEnded(first)}; 07:00 ${howItEnded(next)}${first.code ? ` (${failureReason(first)})` : ''}`,
          windowEnd: stage.hour(1),
          problems: [...expectExit('06:00', first, [0]), ...expectExit('07:00', next, [0])],
        };
      });
    },
  },
  {
    name: 'source_restart_mid_copy',
    summary: 'real PostgreSQL: once 64 KiB of the initial load\'s orders COPY reached the extractor, the server ends every extractor session (57P01, as a restart does) while that COPY still streams; then retried',
    source: 'postgres',
    // A COPY reply larger than the socket buffers (~6 MB of orders), so the server is still sending it when the sessions end.
    stage: { scale: 0.25 },
    async run(stage) {
      if (!stage.postgresAdminUrl) throw new Error('source_restart_mid_copy needs the real PostgreSQL server');
      const proxy = await CopyCutProxy.start(stage.sourceUrl, { afterBytes: CUT_AFTER_BYTES, copyOf: (query) => /\bfrom\s+("?\w+"?\.)?"?orders"?\s/i.test(query) });
      let extract, ended, held;
      try {
        const app = stage.startApp('extract-orders-db', stage.hour(0), [], { ORDERS_DB_URL: proxy.urlFor(stage.sourceUrl) });
        held = await Promise.race([proxy.whenHeld(), app.exited.then((exit) => Promise.reject(new Error(`the extractor ended (${howItEnded(exit)}) before its orders COPY streamed 64 KiB`)))]);
        ended = await terminateExtractorSessions(stage.postgresAdminUrl, stage.sourceUrl);
        proxy.release();
        extract = await app.exited;
      } finally {
        await proxy.stop();
      }
      const after = await retryAndGoOn(stage);
      return {
        did: `orders COPY held at ${Math.round(held.copyBytes / 1024)} KiB; ${ended.sessions} session ended by the server, ${ended.inCopy} mid-COPY; extract ${howItEnded(extract)} (${failureReason(extract)}); retry ${after.retry}; 07:00 ${after.next}`,
        windowEnd: stage.hour(1),
        problems: [...(ended.inCopy === 0 ? ['the server had sent the whole COPY before its sessions ended: not a restart mid-COPY'] : []), ...expectExit('extract', extract, [75]), ...after.problems],
      };
    },
  },
  {
    name: 'spool_disk_full',
    summary: 'the spool directory (NORTHSTAR_HOME/tmp) on a 64 KiB tmpfs during the initial load: exit 75 naming it; space freed, then retried',
    async run(stage) {
      const spool = path.join(stage.home, 'tmp');
      const disk = mountSmallTmpfs(spool, 64);
      let full;
      try {
        full = await stage.pipeline('hourly', stage.hour(0));
      } finally {
        disk.unmount();
      }
      const after = await retryAndGoOn(stage);
      return {
        did: `06:00 on a full spool ${howItEnded(full)} (${failureReason(full) || 'no error logged'}); retry ${after.retry}; 07:00 ${after.next}`,
        windowEnd: stage.hour(1),
        problems: [
          ...expectExit('the run on a full spool disk', full, [75]),
          ...(failureReason(full).includes(`the spool directory ${spool} is full`) ? [] : ['the run on a full spool disk did not name the spool directory as full']),
          ...after.problems,
        ],
      };
    },
  },
  {
    name: 'clock_far_ahead',
    summary: 'an hourly run with --at a year ahead of the source\'s clock, then new rows and the next real hour',
    stage: { start: recentHour },
    async run(stage) {
      await stage.baseline();
      const ahead = await stage.pipeline('hourly', new Date(stage.hour(1).getTime() + 365 * 24 * HOUR_MS));
      await stage.sandbox.advanceHour(stage.hour(0));
      const next = await stage.pipeline('hourly', stage.hour(1));
      return {
        did: `--at +1 year ${howItEnded(ahead)}; next hour ${howItEnded(next)}`,
        windowEnd: stage.hour(1),
        problems: [...expectExit('the run a year ahead', ahead, [2]), ...expectExit('the next hour', next, [0])],
      };
    },
  },
];
