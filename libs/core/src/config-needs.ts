/**
 * What an app needs from the environment beyond what every app reads (the raw
 * zone, the warehouse, logging, windows). Each app declares its needs as data
 * (apps/<app>/src/config-needs.ts); the config loader requires the variables
 * of those needs only, so an app is never refused for a variable it does not
 * read, and the Terraform specs check each job definition against the same
 * declaration.
 */
export const configNeeds = {
  'orders-db': { variables: ['ORDERS_DB_URL'], required: ['ORDERS_DB_URL'], requiredIn: 'cloud' },
  // Prod extracts keep PII as is (Snowflake masking policies guard it there), so prod needs no key.
  'mask-key': { variables: ['NORTHSTAR_MASK_KEY'], required: ['NORTHSTAR_MASK_KEY'], requiredIn: 'cloud-but-prod' },
  stripe: { variables: ['STRIPE_API_KEY', 'STRIPE_API_BASE', 'STRIPE_MAX_RPS'], required: ['STRIPE_API_KEY'], requiredIn: 'cloud' },
  zendesk: {
    variables: ['ZENDESK_URL', 'ZENDESK_EMAIL', 'ZENDESK_API_TOKEN', 'ZENDESK_REQUESTS_PER_MINUTE', 'ZENDESK_ORDER_FIELD_ID'],
    required: ['ZENDESK_URL', 'ZENDESK_EMAIL', 'ZENDESK_API_TOKEN'],
    requiredIn: 'cloud',
  },
  // On AWS an alert written to $NORTHSTAR_HOME/alerts.log dies with the container: the topic is required there.
  alerts: { variables: ['NORTHSTAR_ALERTS_TOPIC_ARN'], required: ['NORTHSTAR_ALERTS_TOPIC_ARN'], requiredIn: 'cloud' },
} as const satisfies Record<string, ConfigNeedSpec>;

export type ConfigNeed = keyof typeof configNeeds;

interface ConfigNeedSpec {
  /** Every variable the need reads. */
  readonly variables: readonly string[];
  /** The ones without which it cannot work where `requiredIn` says; locally the sandbox's values stand in. */
  readonly required: readonly string[];
  readonly requiredIn: 'cloud' | 'cloud-but-prod';
}

/** Every variable every app reads; each of the others belongs to exactly one need. */
export const sharedConfigVariables = [
  'NORTHSTAR_ENV', 'NORTHSTAR_HOME', 'NORTHSTAR_RAW_URL', 'NORTHSTAR_S3_ENDPOINT', 'AWS_REGION',
  'NORTHSTAR_WAREHOUSE', 'NORTHSTAR_DUCKDB_PATH', 'SNOWFLAKE_ACCOUNT', 'SNOWFLAKE_USER', 'SNOWFLAKE_PRIVATE_KEY_PATH',
  'SNOWFLAKE_PRIVATE_KEY', 'SNOWFLAKE_PASSWORD', 'SNOWFLAKE_ROLE', 'SNOWFLAKE_WAREHOUSE', 'SNOWFLAKE_DATABASE', 'SNOWFLAKE_RAW_STAGE',
  'NORTHSTAR_LOOKBACK_MINUTES', 'NORTHSTAR_SAFETY_LAG_SECONDS', 'NORTHSTAR_OPEN_WRITER_WARN_MINUTES', 'NORTHSTAR_LOAD_LOCK_TTL_MINUTES',
  'NORTHSTAR_INITIAL_START', 'NORTHSTAR_ROWS_PER_PART', 'NORTHSTAR_LOG_LEVEL', 'NORTHSTAR_LOG_FORMAT',
] as const;

/** An app's declaration: its name (for messages) and its needs. */
export interface AppConfigNeeds<N extends ConfigNeed = ConfigNeed> {
  readonly app: string;
  readonly needs: readonly N[];
}

/**
 * Scripts, the demo and tests that run the whole pipeline in one process
 * (`loadConfig`): the orders DB and the mask key, as every run had before
 * apps declared their own needs. Stripe and Zendesk stay with their apps.
 */
export const workspaceConfigNeeds: AppConfigNeeds<'orders-db' | 'mask-key'> = { app: 'the workspace', needs: ['orders-db', 'mask-key'] };

/** The variables an app may read: the shared ones and those of its needs. */
export function configVariablesOf(declared: AppConfigNeeds): string[] {
  return [...sharedConfigVariables, ...declared.needs.flatMap((need) => configNeeds[need].variables)];
}

/** "X is required when NORTHSTAR_ENV=<env> (<app> needs <need>)" for each required variable of the app's needs that is not given. */
export function missingNeeds(declared: AppConfigNeeds, env: string, given: Readonly<Record<string, unknown>>): string[] {
  if (env === 'local') return [];
  return declared.needs.flatMap((need) => {
    const spec: ConfigNeedSpec = configNeeds[need];
    if (spec.requiredIn === 'cloud-but-prod' && env === 'prod') return [];
    return spec.required.filter((name) => given[name] === undefined).map((name) => `${name} is required when NORTHSTAR_ENV=${env} (${declared.app} needs ${need})`);
  });
}
