import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { partnerFormatNamed, type PartnerFormat } from '@northstar/contracts';
import type { TimeWindow } from '@northstar/core';
import type { ObjectStore } from '@northstar/object-store';
import type { OrderPlan } from '../order-plan';
import { partnerFileBytes, type PartnerFileVariant } from '../partner-file-writer';
import { generatePartnerShipments, type PartnerShipmentEvent } from '../partner-shipment-generator';

/** Faults a partner drop can carry, as partners really send them. */
export const partnerDropFaults = ['late_file', 'replaced_file', 'bad_row', 'breaking_header', 'gzip', 'extra_column'] as const;
export type PartnerDropFault = (typeof partnerDropFaults)[number];

export interface PartnerDropInput {
  readonly seed: number;
  readonly orders: readonly OrderPlan[];
  /** The hour whose status events the drops hold. */
  readonly window: TimeWindow;
  readonly faults?: readonly PartnerDropFault[];
  readonly formats?: readonly PartnerFormat[];
}

/** What was written, for a test or the demo to report. */
export interface PartnerDrop {
  readonly key: string;
  readonly partner: string;
  readonly rows: number;
  readonly fault?: PartnerDropFault;
}

/**
 * Writes the window's shipment status events as each partner's CSV drop into
 * the raw zone's bucket (partners/<partner>/<yyyy>/<mm>/<dd>/status-<HH>.csv,
 * named for the last hour of the window),
 * in that partner's format. Faults on demand: a late file under the previous
 * day's folder, the previous hour's file replaced with its rows plus one, a
 * row with an unreadable date, a renamed header column, a gzip drop, an
 * unknown column. cp1252 is parcelwave's own encoding.
 */
export async function writePartnerDrops(store: ObjectStore, input: PartnerDropInput): Promise<PartnerDrop[]> {
  const faults = new Set(input.faults ?? []);
  const events = generatePartnerShipments({ seed: input.seed, orders: input.orders, window: input.window });
  const drops: PartnerDrop[] = [];
  for (const partner of ['northfreight', 'parcelwave'] as const) {
    const format = (input.formats ?? []).find((f) => f.name === partner) ?? partnerFormatNamed(partner);
    const mine = events.filter((e) => e.partner === partner);
    // A quiet hour sends no file, unless a fault is asked of this partner: then a header-only one.
    if (mine.length === 0 && !faultOf(partner, faults)) continue;
    const variant = variantFor(partner, faults, mine);
    const closes = lastHourOf(input.window);
    const folder = dayFolder(closes, partner === 'northfreight' && faults.has('late_file') ? -1 : 0);
    const key = `partners/${partner}/${folder}/status-${hourOf(closes)}.csv${variant.gzip ? '.gz' : ''}`;
    await putBytes(store, key, partnerFileBytes(format, mine, variant));
    drops.push({ key, partner, rows: mine.length, ...(faultOf(partner, faults) ? { fault: faultOf(partner, faults) } : {}) });
  }
  if (faults.has('replaced_file')) drops.push(...(await replacePreviousHour(store, input)));
  return drops;
}

function variantFor(partner: string, faults: ReadonlySet<PartnerDropFault>, events: readonly PartnerShipmentEvent[]): PartnerFileVariant {
  if (partner === 'parcelwave' && faults.has('breaking_header')) return { renameHeader: { status: 'Zustand' } };
  if (partner !== 'northfreight') return {};
  return {
    ...(faults.has('gzip') ? { gzip: true } : {}),
    ...(faults.has('bad_row') && events.length > 1 ? { corrupt: [{ row: events.length - 1, column: 'status_at', text: 'yesterday' }] } : {}),
    ...(faults.has('extra_column') ? { extraColumn: { header: 'signed_by', value: 'front desk' } } : {}),
  };
}

function faultOf(partner: string, faults: ReadonlySet<PartnerDropFault>): PartnerDropFault | undefined {
  if (partner === 'parcelwave') return faults.has('breaking_header') ? 'breaking_header' : undefined;
  return (['late_file', 'gzip', 'bad_row', 'extra_column'] as const).find((f) => faults.has(f));
}

/** The previous hour's northfreight drop written again with the same rows and one more: a new etag under the same key. */
async function replacePreviousHour(store: ObjectStore, input: PartnerDropInput): Promise<PartnerDrop[]> {
  const hourMs = 3_600_000;
  const previous = { start: new Date(input.window.start.getTime() - hourMs), end: input.window.start };
  const events = generatePartnerShipments({ seed: input.seed, orders: input.orders, window: { start: previous.start, end: input.window.end } })
    .filter((e) => e.partner === 'northfreight');
  const before = events.filter((e) => Date.parse(e.status_at) < input.window.start.getTime());
  if (before.length === 0) return [];
  const replaced = [...before, events.find((e) => Date.parse(e.status_at) >= input.window.start.getTime()) ?? before[0]];
  const key = `partners/northfreight/${dayFolder(previous.start, 0)}/status-${hourOf(previous.start)}.csv`;
  // Written again: same key, new bytes, so a new etag.
  await putBytes(store, key, partnerFileBytes(partnerFormatNamed('northfreight'), replaced));
  return [{ key, partner: 'northfreight', rows: replaced.length, fault: 'replaced_file' }];
}

async function putBytes(store: ObjectStore, key: string, bytes: Buffer): Promise<void> {
  // putText writes UTF-8 text; a cp1252 or gzip drop is bytes, so it goes through a temp file like any upload.
  const dir = await mkdtemp(path.join(tmpdir(), 'partner-drop-'));
  try {
    const file = path.join(dir, 'drop');
    await writeFile(file, bytes);
    await store.putFile(key, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const dayFolder = (at: Date, shiftDays: number) => new Date(at.getTime() + shiftDays * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '/');
const hourOf = (at: Date) => at.toISOString().slice(11, 13);
const lastHourOf = (window: TimeWindow) => new Date(window.end.getTime() - 1);
