import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { ordersDbContracts } from '@northstar/contracts';
import { deriveRunId } from '@northstar/core';
import type { FaultScenario } from './fault-scenario';
import type { FaultStage } from './fault-stage';
import { logMessage, type RunningApp } from './running-app';
import { withS3RawZone } from './s3-raw-zone';
import { expectExit, howItEnded, retryAndGoOn, SLOW_PARTS } from './scenario-steps';

async function killOnLine(app: RunningApp, test: (msg: string, line: string) => boolean, what: string): Promise<string> {
  await app.waitForLine((line) => test(logMessage(line) ?? '', line), what);
  return howItEnded(await app.kill());
}

function manifestOf(stage: FaultStage, entity: string): string {
  const at = stage.hour(0).toISOString();
  const run = `run=${deriveRunId('hourly', stage.hour(0))}`;
  return path.join(stage.home, 'raw', 'orders_db', entity, `load_date=${at.slice(0, 10)}`, `hour=${at.slice(11, 13)}`, run, '_manifest.json');
}

/**
 * A killed load leaves its source's load lock behind until the lock is older
 * than NORTHSTAR_LOAD_LOCK_TTL_MINUTES (240 by default): a minute keeps the
 * retries (on exit 75) within the scenario.
 */
const SHORT_LOCK_TTL = { NORTHSTAR_LOAD_LOCK_TTL_MINUTES: '1' };

/** Processes killed outright (SIGKILL) at the moments that matter, then retried as AWS Batch would retry them. */
export const crashFaultScenarios: readonly FaultScenario[] = [
  {
    name: 'extract_kill_before_manifest',
    summary: 'extractor SIGKILLed after writing an orders part of the initial load, before that run\'s manifest; then retried',
    async run(stage) {
      const app = stage.startApp('extract-orders-db', stage.hour(0), [], SLOW_PARTS);
      const killed = await killOnLine(app, (msg, line) => msg === 'part written' && line.includes('orders_db/orders/'), 'an orders part was written');
      const landed = existsSync(manifestOf(stage, 'orders'));
      const after = await retryAndGoOn(stage);
      return {
        did: `extract ${killed} after an orders part; retry ${after.retry}; 07:00 ${after.next}`,
        windowEnd: stage.hour(1),
        problems: [...(landed ? ['the kill came after the orders manifest: nothing was tested'] : []), ...after.problems],
      };
    },
  },
  {
    name: 'extract_kill_mid_upload',
    summary: 'extractor SIGKILLed while a part upload to the s3:// raw zone is in flight (held open by the proxy); then retried',
    async run(stage) {
      return withS3RawZone(async (zone) => {
        zone.proxy.set({ stall: (method, url) => method === 'PUT' && url.includes('/orders/') && url.includes('.parquet') });
        const stalled = new Promise<string>((resolve) => zone.proxy.once('stalled', (_m: string, url: string) => resolve(url)));
        const app = stage.startApp('extract-orders-db', stage.hour(0), [], zone.env);
        const ended = await Promise.race([stalled.then(() => 'stalled'), app.exited.then((e) => `ended ${howItEnded(e)}`)]);
        if (ended !== 'stalled') throw new Error(`the extractor ${ended} before uploading an orders part`);
        const killed = howItEnded(await app.kill());
        zone.proxy.set({});
        const after = await retryAndGoOn(stage, zone.env);
        return { did: `extract ${killed} mid-PUT of an orders part; retry ${after.retry}; 07:00 ${after.next}`, windowEnd: stage.hour(1), problems: after.problems };
      });
    },
  },
  {
    name: 'load_kill_after_copy',
    summary: 'loader SIGKILLed after every raw COPY of the initial load, before the staging and curated MERGEs; then retried',
    stage: { env: SHORT_LOCK_TTL },
    async run(stage) {
      const extract = await stage.startApp('extract-orders-db', stage.hour(0)).exited;
      const load = stage.startApp('load', stage.hour(0), ['--source', 'orders_db']);
      let copies = 0;
      const killed = await killOnLine(load, (msg) => msg === 'raw load' && ++copies === ordersDbContracts.length, 'every raw load');
      const after = await retryAndGoOn(stage);
      return {
        did: `extract ${howItEnded(extract)}; load ${killed} after ${copies} raw loads; retry ${after.retry}; 07:00 ${after.next}`,
        windowEnd: stage.hour(1),
        problems: [...expectExit('extract', extract, [0]), ...after.problems],
      };
    },
  },
  {
    name: 'load_kill_mid_merge',
    summary: 'loader SIGKILLed as the first model MERGE ends, while the next one runs; then retried',
    stage: { env: SHORT_LOCK_TTL },
    async run(stage) {
      const extract = await stage.startApp('extract-orders-db', stage.hour(0)).exited;
      const load = stage.startApp('load', stage.hour(0), ['--source', 'orders_db']);
      const killed = await killOnLine(load, (msg) => msg === 'model', 'the first model');
      const after = await retryAndGoOn(stage);
      return {
        did: `extract ${howItEnded(extract)}; load ${killed} after 1 model; retry ${after.retry}; 07:00 ${after.next}`,
        windowEnd: stage.hour(1),
        problems: [...expectExit('extract', extract, [0]), ...after.problems],
      };
    },
  },
  {
    name: 'duplicate_launch',
    summary: 'two pipelines for the 07:00 hour launched at once; a failed one retried',
    async run(stage) {
      await stage.baseline();
      await stage.sandbox.advanceHour(stage.hour(0));
      const both = await Promise.all([stage.pipeline('hourly', stage.hour(1)), stage.pipeline('hourly', stage.hour(1))]);
      // A launch that lost the race may fail as transient (75), and Batch retries exactly that.
      const retried = both.some((e) => e.code !== 0) ? await stage.pipeline('hourly', stage.hour(1)) : undefined;
      return {
        did: `launches ${both.map(howItEnded).join(' and ')}${retried ? `; retry ${howItEnded(retried)}` : ''}`,
        windowEnd: stage.hour(1),
        problems: [...both.flatMap((e, i) => expectExit(`launch ${i + 1}`, e, [0, 75])), ...(retried ? expectExit('retry', retried, [0]) : [])],
      };
    },
  },
];
