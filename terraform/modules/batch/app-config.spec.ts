import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readTerraformModule, repoRoot, workspaceValue } from '../../testing/terraform-module';

// The names the apps read, from libs/core/src/config.ts itself: its env
// schema and the variables it keeps secret. A variable added there (a new
// source's key) is checked here without editing this file.
const configText = readFileSync(path.join(repoRoot, 'libs/core/src/config.ts'), 'utf8');
const schemaText = /const envSchema = z\.object\(\{([^]*?)\n\}\);/.exec(configText)?.[1] ?? '';
const configVariables = [...schemaText.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
const configSecrets = [...(/const secretVariables = new Set\(\[([^\]]*)\]\)/.exec(configText)?.[1] ?? '').matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1]);

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
  ORDERS_DB_URL: 'postgres://northstar_extract@orders.internal:5432/orders',
  STRIPE_API_KEY: 'rk_live_northstarexample',
  ZENDESK_API_TOKEN: 'zendesk-token-example',
  SNOWFLAKE_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n',
  NORTHSTAR_MASK_KEY: 'a-mask-key-of-thirty-two-characters',
};

/** What the apps make of an environment: config.ts's loader and accessors, and the Snowflake driver's options. */
const readConfigScript = `
  const { loadConfig, stripeApiKey, zendeskAccount } = require('@northstar/core');
  const { snowflakeConnectionOptions } = require('@northstar/warehouse');
  const config = loadConfig(process.env);
  const options = config.warehouse.kind === 'snowflake' ? snowflakeConnectionOptions(config.warehouse) : {};
  console.log(JSON.stringify({ stripe: stripeApiKey(config), zendesk: zendeskAccount(config), authenticator: options.authenticator, privateKey: options.privateKey }));
`;

let secretVariables: Record<string, string>;
let environmentNames: string[];

beforeAll(async () => {
  const batch = await readTerraformModule('modules/batch');
  secretVariables = batch.locals()['secret_variables'] as Record<string, string>;
  const pipeline = await readTerraformModule('modules/pipeline');
  environmentNames = Object.keys(pipeline.modules()['batch']['environment_variables'] as Record<string, string>);
});

describe('Secrets Manager secrets and the variables the apps read (libs/core config.ts)', () => {
  it('config.ts is read: its schema and its secret variables', () => {
    expect(configVariables).toEqual(expect.arrayContaining(['ORDERS_DB_URL', 'NORTHSTAR_MASK_KEY', 'SNOWFLAKE_ACCOUNT']));
    expect(configSecrets.length).toBeGreaterThan(3);
  });

  it('each secret is handed to the jobs as a variable config.ts reads and keeps secret', () => {
    const names = Object.values(secretVariables);
    expect(names.filter((name) => !configVariables.includes(name))).toEqual([]);
    expect(names.filter((name) => !configSecrets.includes(name))).toEqual([]);
  });

  it("each secret variable of config.ts comes from a secret on AWS, but SNOWFLAKE_PASSWORD (the pipeline's login is a key pair)", () => {
    expect(configSecrets.filter((name) => !Object.values(secretVariables).includes(name))).toEqual(['SNOWFLAKE_PASSWORD']);
  });

  it('every plain variable terraform sets is one config.ts reads', () => {
    expect(environmentNames.filter((name) => !configVariables.includes(name) && name !== 'NORTHSTAR_ENV')).toEqual([]);
  });

  describe.each(['dev', 'prod'])('NORTHSTAR_ENV=%s', (env) => {
    /** Every variable terraform sets on AWS, plain and secret, with example values. */
    const awsEnvironment = (): NodeJS.ProcessEnv => {
      const names = [...environmentNames.filter((name) => name !== 'NORTHSTAR_ENV'), ...Object.values(secretVariables)];
      const unknown = names.filter((name) => examples[name] === undefined);
      if (unknown.length) throw new Error(`no example value for ${unknown.join(', ')}: add one to this spec`);
      return { NORTHSTAR_ENV: env, ...Object.fromEntries(names.map((name) => [name, examples[name]])) };
    };

    it("config validates; the Stripe and Zendesk extractors find their accounts; Snowflake logs in with the key pair's secret", () => {
      expect(workspaceValue(readConfigScript, awsEnvironment())).toEqual({
        stripe: examples['STRIPE_API_KEY'],
        zendesk: { url: examples['ZENDESK_URL'], email: examples['ZENDESK_EMAIL'], apiToken: examples['ZENDESK_API_TOKEN'] },
        authenticator: 'SNOWFLAKE_JWT',
        privateKey: examples['SNOWFLAKE_PRIVATE_KEY'],
      });
    });
  });
});
