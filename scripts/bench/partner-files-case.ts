// One case of `npm run bench -- partner-files`, in its own process so its peak
// RSS is its own: the extractor's read of one partner file (the first pass:
// bytes -> gunzip -> decode -> csv-parse -> mapped and typed rows), printed as JSON.
import * as path from 'node:path';
import { partnerFormatNamed } from '@northstar/contracts';
import { LocalObjectStore } from '@northstar/object-store';
import { inspectPartnerFile } from '../../apps/extract-partner-files/src/partner-file-reader';

async function main(): Promise<void> {
  const [file, partner] = process.argv.slice(2);
  const store = new LocalObjectStore(path.dirname(file));
  const key = path.basename(file);
  const started = process.hrtime.bigint();
  const verdict = await inspectPartnerFile(() => store.openRead(key), key, partnerFormatNamed(partner), 'bench-key');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${JSON.stringify({ rows: verdict.rowsTaken + verdict.rowsRejected, rejected: verdict.rowsRejected, outcome: verdict.outcome, seconds, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}

void main();
