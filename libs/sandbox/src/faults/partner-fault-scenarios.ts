import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { partnerFormatNamed } from '@northstar/contracts';
import type { TimeWindow } from '@northstar/core';
import { openObjectStore, type ObjectStore } from '@northstar/object-store';
import { partnerFileBytes } from '../partner-file-writer';
import { writePartnerDrops, type PartnerDrop, type PartnerDropFault } from '../partner-files';
import { generatePartnerShipments, type PartnerShipmentEvent } from '../partner-shipment-generator';
import type { FaultScenario, ScenarioEnd } from './fault-scenario';
import type { FaultStage } from './fault-stage';
import { compareShipments, warehouseRows } from './source-comparison';
import { expectExit, howItEnded } from './scenario-steps';

const SEED = 1;
/** The partners' history starts here: the first drop holds every status until 07:00. */
const HISTORY = new Date('2026-01-01T00:00:00Z');

interface PartnerHours {
  readonly stage: FaultStage;
  readonly store: ObjectStore;
  /** Status events whose files loaded: what fct_shipments owes. */
  readonly loaded: PartnerShipmentEvent[];
}

/** The 06:00 baseline, then every partner status until 07:00 dropped whole and the 07:00 hour run: it must succeed. */
async function firstDrop(stage: FaultStage): Promise<PartnerHours> {
  await stage.baseline();
  await stage.sandbox.advanceHour(stage.hour(0));
  const store = openObjectStore(stage.config.rawUrl, {});
  const window = { start: HISTORY, end: stage.hour(1) };
  await writePartnerDrops(store, { seed: SEED, orders: await stage.sandbox.orderPlans(), window });
  const run = await stage.pipeline('hourly', stage.hour(1));
  if (run.code !== 0) throw new Error(`the first partner drop's 07:00 run exited ${run.code}:\n${run.output.slice(-2000)}`);
  return { stage, store, loaded: await events(stage, window) };
}

function events(stage: FaultStage, window: TimeWindow): Promise<PartnerShipmentEvent[]> {
  return stage.sandbox.orderPlans().then((orders) => generatePartnerShipments({ seed: SEED, orders, window }));
}

/**
 * The 07:00-08:00 drop with `faults`, and the 08:00 run. `refused` names the
 * partner whose new file must be quarantined (its events owed nothing);
 * `expected` is the run's exit code (3 when a file is quarantined: the
 * chain's report job fails after the other files loaded).
 */
async function faultyHour(hours: PartnerHours, faults: PartnerDropFault[], expected: number, refused?: string, rewrite?: (drops: PartnerDrop[], mine: PartnerShipmentEvent[]) => Promise<void>): Promise<ScenarioEnd> {
  const { stage, store } = hours;
  await stage.sandbox.advanceHour(stage.hour(1));
  const window = { start: stage.hour(1), end: stage.hour(2) };
  const drops = await writePartnerDrops(store, { seed: SEED, orders: await stage.sandbox.orderPlans(), window, faults });
  const hour = await events(stage, window);
  await rewrite?.(drops, hour.filter((e) => e.partner === refused));
  const run = await stage.pipeline('hourly', stage.hour(2));
  const quarantined = (await warehouseRows(stage.config.warehouse, 'partner_files_quarantined')).map((r) => String(r['object_key']));
  const twice = await warehouseRows(stage.config.warehouse, 'partner_files_read_twice');
  const owed = [...hours.loaded, ...hour.filter((e) => e.partner !== refused)];
  const problems = [
    ...expectExit('08:00', run, [expected]),
    ...twice.map((r) => `${String(r['object_key'])} (etag ${String(r['etag'])}) read ${String(r['times'])} times`),
    ...(refused && !quarantined.some((k) => k.startsWith(`partners/${refused}/`)) ? [`no ${refused} file was quarantined`] : []),
    ...(!refused && quarantined.length ? [`quarantined ${quarantined.join(', ')}`] : []),
  ];
  const did = `${drops.map((d) => `${d.key}${d.fault ? ` (${d.fault})` : ''}`).join(', ')}; 08:00 ${howItEnded(run)}; quarantined ${quarantined.length}`;
  return { did, windowEnd: stage.hour(2), problems, sourceComparison: await compareShipments(stage.config.warehouse, owed) };
}

/** Every row of northfreight's new file with an unreadable status time: far past its row-error threshold. */
async function allRowsBad(store: ObjectStore, drops: PartnerDrop[], mine: PartnerShipmentEvent[]): Promise<void> {
  const drop = drops.find((d) => d.partner === 'northfreight');
  if (!drop || mine.length < 2) throw new Error('the 08:00 hour has no northfreight file of two rows or more to spoil');
  const bytes = partnerFileBytes(partnerFormatNamed('northfreight'), mine, { corrupt: mine.map((_, row) => ({ row, column: 'status_at' as const, text: 'yesterday' })) });
  const dir = await mkdtemp(path.join(tmpdir(), 'fault-partner-'));
  try {
    await writeFile(path.join(dir, 'drop'), bytes);
    await store.putFile(drop.key, path.join(dir, 'drop'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function partnerScenario(name: string, summary: string, faults: PartnerDropFault[], expected: number, refused?: string): FaultScenario {
  return { name, summary, run: async (stage) => faultyHour(await firstDrop(stage), faults, expected, refused) };
}

/** Partner files' faults: drops in the stage's raw bucket, read by the hourly pipeline's partner chain, then fct_shipments compared with the statuses that loaded. */
export const partnerFaultScenarios: readonly FaultScenario[] = [
  partnerScenario('partner_replaced_file', "partner files: northfreight's 07:00 file written again under its key with one row more (a new ETag); then 08:00", ['replaced_file'], 0),
  partnerScenario('partner_late_file', "partner files: northfreight's 08:00 file lands under the previous day's folder; then 08:00", ['late_file'], 0),
  partnerScenario('partner_breaking_drift', "partner files: parcelwave's 08:00 file renames its status column; the run quarantines it and exits 3, northfreight's file loads", ['breaking_header'], 3, 'parcelwave'),
  {
    name: 'partner_too_many_bad_rows',
    summary: "partner files: every row of northfreight's 08:00 file has an unreadable status time; the file is quarantined (exit 3), parcelwave's loads",
    run: async (stage) => {
      const hours = await firstDrop(stage);
      return faultyHour(hours, [], 3, 'northfreight', (drops, mine) => allRowsBad(hours.store, drops, mine));
    },
  },
  partnerScenario('partner_gzip', "partner files: northfreight's 08:00 file gzip-compressed (.csv.gz); then 08:00", ['gzip'], 0),
];
