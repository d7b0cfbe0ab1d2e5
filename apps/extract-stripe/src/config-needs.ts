import type { AppConfigNeeds } from '@northstar/core';

/**
 * What extract-stripe needs from the environment beyond what every app reads
 * (libs/core config-needs.ts). It reads Stripe with its key and masks PII outside prod.
 * terraform/modules/batch gives its job definition exactly these variables.
 */
export const configNeeds = { app: 'extract-stripe', needs: ['mask-key', 'stripe'] } as const satisfies AppConfigNeeds;
