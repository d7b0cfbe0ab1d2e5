import type { AppConfigNeeds } from '@northstar/core';

/**
 * What quality needs from the environment beyond what every app reads
 * (libs/core config-needs.ts). Its checks raise alerts, which on AWS go to the SNS topic.
 * terraform/modules/batch gives its job definition exactly these variables.
 */
export const configNeeds = { app: 'quality', needs: ['alerts'] } as const satisfies AppConfigNeeds;
