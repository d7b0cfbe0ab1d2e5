import type { AppConfigNeeds } from '@northstar/core';

/**
 * What extract-partner-files needs from the environment beyond what every app reads
 * (libs/core config-needs.ts). Partner files are in the raw zone's bucket; it masks PII outside prod, in rows and in quarantined values.
 * terraform/modules/batch gives its job definition exactly these variables.
 */
export const configNeeds = { app: 'extract-partner-files', needs: ['mask-key'] } as const satisfies AppConfigNeeds;
