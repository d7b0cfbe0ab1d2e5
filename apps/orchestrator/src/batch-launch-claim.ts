import type { ObjectStore } from '@northstar/object-store';

export interface LaunchClaim {
  /** The launcher's AWS Batch job id: the same for every attempt of one job. */
  readonly holder: string;
  readonly claimedAt: string;
}

export type ClaimResult =
  | { readonly kind: 'claimed'; readonly key: string; readonly resumed: boolean }
  | { readonly kind: 'held'; readonly key: string; readonly by: LaunchClaim };

export interface ClaimOptions {
  readonly holder: string;
  readonly now: Date;
  /** A claim older than this has no live launcher behind it (the launcher's own timeout). */
  readonly staleAfterMs: number;
}

const maxGenerations = 1000;

/**
 * Claims a run's launch with put-if-absent markers in the raw zone
 * (`_launches/<run>/claim-NNN.json`; S3 If-None-Match: *). The first writer
 * of a marker holds the run. A loser exits if the holder may still be
 * alive; a retry of the holder's own job (same holder id) resumes; a claim
 * older than `staleAfterMs` is superseded by claiming the next marker, which
 * again only one launcher can write.
 */
export async function claimLaunch(store: ObjectStore, runId: string, options: ClaimOptions): Promise<ClaimResult> {
  const body = JSON.stringify({ holder: options.holder, claimedAt: options.now.toISOString() } satisfies LaunchClaim);
  for (let generation = 0; generation < maxGenerations; generation++) {
    const key = `_launches/${runId}/claim-${String(generation).padStart(3, '0')}.json`;
    if (await store.putIfAbsent(key, body)) return { kind: 'claimed', key, resumed: generation > 0 };
    const claim = await readClaim(store, key);
    if (claim.holder === options.holder) return { kind: 'claimed', key, resumed: true };
    const age = options.now.getTime() - Date.parse(claim.claimedAt);
    if (!(age >= options.staleAfterMs)) return { kind: 'held', key, by: claim };
  }
  throw new Error(`run ${runId} has ${maxGenerations} launch claims: something launches it in a loop`);
}

async function readClaim(store: ObjectStore, key: string): Promise<LaunchClaim> {
  const text = await store.getText(key);
  // Written in one put, so it is whole; gone only if someone deleted it by hand.
  if (text === undefined) return { holder: '(deleted)', claimedAt: new Date(0).toISOString() };
  const parsed = JSON.parse(text) as Partial<LaunchClaim>;
  return { holder: String(parsed.holder ?? '(unknown)'), claimedAt: String(parsed.claimedAt ?? new Date(0).toISOString()) };
}
