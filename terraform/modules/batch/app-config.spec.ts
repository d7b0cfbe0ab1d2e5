import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { readTerraformModule, repoRoot, workspaceValue } from '../../testing/terraform-module';

// Each app's job definition against the config needs the app declares
// (apps/<app>/src/config-needs.ts, libs/core config-needs.ts): the variables
// terraform gives a job are the shared ones (the pipeline module's
// environment_variables), the app's settings (local.apps[*].settings) and its
// secrets (local.secret_variables). The apps are asked through their own code.

interface AppSpec {
  readonly secrets: string[];
  readonly settings: string[];
}

/** A value each variable terraform sets could have on AWS; a name missing here fails the test naming it. */
const examples: Record<string, string> = {
  NORTHSTAR_RAW_URL: 's3://northstar-dev-raw',
  NORTHSTAR_LOG_FORMAT: 'json',
  NORTHSTAR_WAREHOUSE: 'snowflake',
  SNOWFLAKE_ACCOUNT: 'northstar-dev',
  SNOWFLAKE_USER: 'NORTHSTAR_PIPELINE',
  SNOWFLAKE_DATABASE: 'NORTHSTAR_DEV',
  SNOWFLAKE_WAREHOUSE: 'NORTHSTAR_HOURLY',
  ZENDESK_URL: 'https://northstar.zendesk.com',
  ZENDESK_EMAIL: 'pipeline@northstar.example',
  ZENDESK_ORDER_FIELD_ID: '360000123456',
  NORTHSTAR_ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:northstar-dev-alerts',
  ORDERS_DB_URL: 'postgres://northstar_extract@orders.internal:5432/orders',
  STRIPE_API_KEY: 'rk_live_northstarexample',
  ZENDESK_API_TOKEN: 'zendesk-token-example',
  SNOWFLAKE_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n',
  NORTHSTAR_MASK_KEY: 'a-mask-key-of-thirty-two-characters',
};

/** What each app makes of the variables terraform gives its job, in dev and prod, through its own declaration. */
const askTheApps = `
  const { loadAppConfig, configVariablesOf, configNeeds, stripeApiKey, zendeskAccount } = require('@northstar/core');
  const { snowflakeConnectionOptions } = require('@northstar/warehouse');
  const jobs = JSON.parse(process.env.JOBS);
  const result = {};
  for (const [app, env] of Object.entries(jobs)) {
    const declared = require('./apps/' + app + '/src/config-needs.ts').configNeeds;
    const required = declared.needs.flatMap((need) => configNeeds[need].required);
    const loaded = {};
    for (const northstarEnv of ['dev', 'prod']) {
      try {
        const config = loadAppConfig(declared, { ...env, NORTHSTAR_ENV: northstarEnv }, false);
        loaded[northstarEnv] = {
          ok: true,
          authenticator: snowflakeConnectionOptions(config.warehouse).authenticator,
          ...(declared.needs.includes('stripe') ? { stripe: stripeApiKey(config) } : {}),
          ...(declared.needs.includes('zendesk') ? { zendesk: zendeskAccount(config) } : {}),
          ...(declared.needs.includes('orders-db') ? { ordersDb: config.ordersDbUrl } : {}),
        };
      } catch (error) {
        loaded[northstarEnv] = { ok: false, error: error.message };
      }
    }
    result[app] = { declaredApp: declared.app, needs: declared.needs, reads: configVariablesOf(declared), required, loaded };
  }
  console.log(JSON.stringify(result));
`;

interface AppAnswer {
  declaredApp: string;
  needs: string[];
  reads: string[];
  required: string[];
  loaded: Record<'dev' | 'prod', { ok: boolean; error?: string; authenticator?: string; stripe?: string; zendesk?: object; ordersDb?: string }>;
}

let apps: Record<string, AppSpec>;
let secretVariables: Record<string, string>;
let shared: string[];
let given: Record<string, string[]>;
let answers: Record<string, AppAnswer>;

beforeAll(async () => {
  const batch = await readTerraformModule('modules/batch');
  apps = batch.locals()['apps'] as Record<string, AppSpec>;
  secretVariables = batch.locals()['secret_variables'] as Record<string, string>;
  const pipeline = await readTerraformModule('modules/pipeline');
  shared = Object.keys(pipeline.modules()['batch']['environment_variables'] as Record<string, string>);
  // The job of each app as terraform defines it: shared, settings, secrets.
  given = Object.fromEntries(Object.entries(apps).map(([app, spec]) => [app, [...shared, ...spec.settings, ...spec.secrets.map((s) => secretVariables[s])]]));
  const unknown = [...new Set(Object.values(given).flat())].filter((name) => name !== 'NORTHSTAR_ENV' && examples[name] === undefined);
  if (unknown.length) throw new Error(`no example value for ${unknown.join(', ')}: add one to this spec`);
  const jobs = Object.fromEntries(Object.entries(given).map(([app, names]) => [app, Object.fromEntries(names.filter((n) => n !== 'NORTHSTAR_ENV').map((n) => [n, examples[n]]))]));
  answers = workspaceValue<Record<string, AppAnswer>>(askTheApps, { JOBS: JSON.stringify(jobs) });
}, 60_000);

describe("each app's job definition against the config needs the app declares", () => {
  it('every app declares its needs under its own name', () => {
    expect(Object.fromEntries(Object.entries(answers).map(([app, a]) => [app, a.declaredApp]))).toEqual(Object.fromEntries(Object.keys(apps).map((app) => [app, app])));
  });

  it('every job gets every variable its app requires: the app loads its config in dev and in prod', () => {
    const refused = Object.entries(answers).flatMap(([app, a]) => (['dev', 'prod'] as const).filter((env) => !a.loaded[env].ok).map((env) => `${app} (${env}): ${a.loaded[env].error}`));
    expect(refused).toEqual([]);
    for (const [app, a] of Object.entries(answers)) expect([app, a.required.filter((name) => !given[app].includes(name))]).toEqual([app, []]);
  });

  it('no job gets a variable its app does not read', () => {
    for (const [app, a] of Object.entries(answers)) expect([app, given[app].filter((name) => !a.reads.includes(name))]).toEqual([app, []]);
  });

  it("the Stripe and Zendesk extractors find their accounts; the orders extractor its DB; Snowflake logs in with the key pair's secret", () => {
    for (const env of ['dev', 'prod'] as const) {
      expect(answers['extract-stripe'].loaded[env].stripe).toBe(examples['STRIPE_API_KEY']);
      expect(answers['extract-zendesk'].loaded[env].zendesk).toEqual({ url: examples['ZENDESK_URL'], email: examples['ZENDESK_EMAIL'], apiToken: examples['ZENDESK_API_TOKEN'] });
      expect(answers['extract-orders-db'].loaded[env].ordersDb).toBe(examples['ORDERS_DB_URL']);
      for (const a of Object.values(answers)) expect(a.loaded[env].authenticator).toBe('SNOWFLAKE_JWT');
    }
  });

  it("each secret is handed over as a variable config.ts keeps secret; SNOWFLAKE_PASSWORD alone has none (the pipeline's login is a key pair)", () => {
    const configText = readFileSync(path.join(repoRoot, 'libs/core/src/config.ts'), 'utf8');
    const configSecrets = [...(/const secretVariables = new Set\(\[([^\]]*)\]\)/.exec(configText)?.[1] ?? '').matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1]);
    expect(Object.values(secretVariables).filter((name) => !configSecrets.includes(name))).toEqual([]);
    expect(configSecrets.filter((name) => !Object.values(secretVariables).includes(name))).toEqual(['SNOWFLAKE_PASSWORD']);
  });

  it("the launcher's NORTHSTAR_EXTRACT_SHARDS and NORTHSTAR_BACKFILL_WAREHOUSE are read by the orchestrator (--extract-shards, --backfill-warehouse), the variables outside config.ts", () => {
    const source = readdirSync(path.join(repoRoot, 'apps/orchestrator/src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts')).map((f) => readFileSync(path.join(repoRoot, 'apps/orchestrator/src', f), 'utf8')).join('\n');
    expect(source).toContain("'NORTHSTAR_EXTRACT_SHARDS'");
    expect(source).toContain("'NORTHSTAR_BACKFILL_WAREHOUSE'");
  });
});
