import type { AppConfigNeeds } from '@northstar/core';

/**
 * What extract-orders-db needs from the environment beyond what every app reads
 * (libs/core config-needs.ts). It reads the orders DB and masks PII outside prod.
 * terraform/modules/batch gives its job definition exactly these variables.
 */
export const configNeeds = { app: 'extract-orders-db', needs: ['orders-db', 'mask-key'] } as const satisfies AppConfigNeeds;
