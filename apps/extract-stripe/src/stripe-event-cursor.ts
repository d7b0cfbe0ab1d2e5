import { DataContractError } from '@northstar/core';

/**
 * Where a stream's Events API reading stopped: the last event taken and its
 * time. The time says whether the event is past Stripe's 30 days without a
 * request; without an event (none had happened yet), reading starts there.
 */
export interface StripeEventCursor {
  readonly event?: string;
  /** Unix seconds. */
  readonly created: number;
}

export function encodeEventCursor(cursor: StripeEventCursor): string {
  return JSON.stringify(cursor.event ? { event: cursor.event, created: cursor.created } : { created: cursor.created });
}

/** Reads ops.source_cursors' checkpoint back; anything else there is refused rather than guessed at. */
export function decodeEventCursor(checkpoint: string | undefined, where: string): StripeEventCursor | undefined {
  if (checkpoint === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(checkpoint);
  } catch {
    parsed = undefined;
  }
  const c = parsed as { event?: unknown; created?: unknown } | undefined;
  if (!c || typeof c.created !== 'number' || !Number.isSafeInteger(c.created) || (c.event !== undefined && (typeof c.event !== 'string' || !c.event.startsWith('evt_')))) {
    throw new DataContractError(`${where}: the saved checkpoint ${JSON.stringify(checkpoint.slice(0, 200))} is not a Stripe event cursor ({"event":"evt_…","created":<unix seconds>}); fix or delete its row in ops.source_cursors`);
  }
  return c.event === undefined ? { created: c.created } : { event: c.event, created: c.created };
}
