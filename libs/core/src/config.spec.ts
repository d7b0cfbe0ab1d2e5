import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { configVariableNames, describeDbUrl, LOCAL_ORDERS_DB_URL, loadAppConfig, loadConfig, stripeApiKey } from './config';
import { configNeeds, sharedConfigVariables } from './config-needs';
import { ConfigError } from './errors';

const snowflake = {
  SNOWFLAKE_ACCOUNT: 'ns-acct',
  SNOWFLAKE_USER: 'loader',
  SNOWFLAKE_PRIVATE_KEY_PATH: '/run/secrets/sf.p8',
  SNOWFLAKE_WAREHOUSE: 'LOAD_WH',
  SNOWFLAKE_DATABASE: 'NORTHSTAR_PROD',
};
const cloud = {
  NORTHSTAR_RAW_URL: 's3://northstar-raw',
  ORDERS_DB_URL: 'postgres://reader@orders:5432/shop',
  NORTHSTAR_MASK_KEY: 'a-mask-key-of-32-characters-long',
  ...snowflake,
};

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env, false);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('runs locally with nothing set: embedded DuckDB, local raw zone, sandbox orders DB', () => {
    const config = loadConfig({}, false);
    const home = path.resolve('.northstar');
    expect(config).toMatchObject({
      env: 'local',
      home,
      rawUrl: pathToFileURL(path.join(home, 'raw')).href,
      warehouse: { kind: 'duckdb', path: path.join(home, 'warehouse.duckdb') },
      ordersDbUrl: LOCAL_ORDERS_DB_URL,
      lookbackMs: 3_600_000,
      safetyLagMs: 60_000,
      openWriterWarnMs: 900_000,
      loadLockTtlMs: 14_400_000,
      rowsPerPart: 250_000,
      log: { level: 'info', format: 'json' },
    });
    expect(config.initialStart.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(config.maskKey).toEqual(expect.any(String));
  });

  it('logs prettily on a terminal unless told otherwise', () => {
    expect(loadConfig({}, true).log.format).toBe('pretty');
    expect(loadConfig({ NORTHSTAR_LOG_FORMAT: 'json' }, true).log.format).toBe('json');
  });

  it('converts the lookback from minutes and the safety lag from seconds', () => {
    const config = loadConfig({ NORTHSTAR_LOOKBACK_MINUTES: '90', NORTHSTAR_SAFETY_LAG_SECONDS: '30' }, false);
    expect([config.lookbackMs, config.safetyLagMs]).toEqual([5_400_000, 30_000]);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ NORTHSTAR_RAW_URL: '', NORTHSTAR_LOOKBACK_MINUTES: '' }, false).lookbackMs).toBe(3_600_000);
  });

  it.each(['/srv/run#1', '/srv/100%', '/srv/a?b', '/srv/my home'])('builds a raw URL that leads back to the raw directory under the home %s', (home) => {
    const { rawUrl } = loadConfig({ NORTHSTAR_HOME: home }, false);
    expect(fileURLToPath(rawUrl)).toBe(path.join(home, 'raw'));
  });

  it('refuses a file URL whose first directory would be read as a host, naming the variable', () => {
    expect(configError({ NORTHSTAR_RAW_URL: 'file://tmp/raw' })).toBe(
      'invalid environment for the workspace:\n  NORTHSTAR_RAW_URL: expected a file URL with three slashes before an absolute path, such as file:///data/raw, got "file://tmp/raw"',
    );
    expect(loadConfig({ NORTHSTAR_RAW_URL: 'file:///tmp/raw' }, false).rawUrl).toBe('file:///tmp/raw');
  });

  it.each([
    ['NORTHSTAR_SAFETY_LAG_SECONDS', ' ', 'a whole number'],
    ['NORTHSTAR_SAFETY_LAG_SECONDS', ' 30 ', 'a whole number'],
    ['NORTHSTAR_LOOKBACK_MINUTES', '0x10', 'a whole number'],
    ['NORTHSTAR_LOOKBACK_MINUTES', '1e3', 'a whole number'],
    ['NORTHSTAR_ROWS_PER_PART', '0', 'a whole number above 0'],
    ['NORTHSTAR_ROWS_PER_PART', '\t', 'a whole number above 0'],
  ])('refuses %s=%j, which Number() would read as a number, naming the variable', (name, value, expected) => {
    expect(configError({ [name]: value })).toBe(`invalid environment for the workspace:\n  ${name}: expected ${expected}, got ${JSON.stringify(value)}`);
  });

  it('names each bad variable and what it expected, all at once', () => {
    expect(configError({ NORTHSTAR_ENV: 'qa', NORTHSTAR_LOOKBACK_MINUTES: '1.5', NORTHSTAR_RAW_URL: 'http://x' })).toBe(
      [
        'invalid environment for the workspace:',
        '  NORTHSTAR_ENV: expected one of local, dev, staging, prod, got "qa"',
        '  NORTHSTAR_RAW_URL: expected a URL starting s3:// or file://, got "http://x"',
        '  NORTHSTAR_LOOKBACK_MINUTES: expected a whole number, got "1.5"',
      ].join('\n'),
    );
    expect(configError({ NORTHSTAR_INITIAL_START: '2024-01-01' })).toContain(
      'NORTHSTAR_INITIAL_START: expected an ISO-8601 instant such as 2024-01-01T00:00:00Z, got "2024-01-01"',
    );
  });

  it('never echoes a secret it refuses', () => {
    const message = configError({ NORTHSTAR_MASK_KEY: 'hunter2', ORDERS_DB_URL: 'mysql://u:s3cret@db/shop' });
    expect(message).toContain('NORTHSTAR_MASK_KEY: expected at least 16 characters, got a hidden value of 7 characters');
    expect(message).toContain('ORDERS_DB_URL: expected a postgres:// URL, got a hidden value of 24 characters');
    expect(message).not.toMatch(/hunter2|s3cret/);
  });

  it('reads Stripe: the sandbox and a made-up key locally, the key required only where the Stripe extractor asks for it, never echoed', () => {
    const local = loadConfig({}, false);
    expect(local.stripe).toEqual({ apiKey: 'sk_test_northstar_sandbox', apiBase: 'http://127.0.0.1:55433', maxRequestsPerSecond: 20 });
    const dev = loadConfig({ NORTHSTAR_ENV: 'dev', NORTHSTAR_RAW_URL: 's3://b/raw', ORDERS_DB_URL: 'postgres://u@db/shop', NORTHSTAR_MASK_KEY: 'k'.repeat(16), ...snowflake, STRIPE_MAX_RPS: '90' }, false);
    expect(dev.stripe).toEqual({ apiBase: 'https://api.stripe.com', maxRequestsPerSecond: 90 });
    expect(() => stripeApiKey(dev)).toThrow('STRIPE_API_KEY is required when NORTHSTAR_ENV=dev');
    expect(stripeApiKey({ ...dev, stripe: { ...dev.stripe, apiKey: 'rk_live_x' } })).toBe('rk_live_x');
    const message = configError({ STRIPE_API_KEY: 'pk_live_secretish', STRIPE_MAX_RPS: '0' });
    expect(message).toContain('STRIPE_API_KEY: expected a secret or restricted key starting sk_ or rk_ (test or live), got a hidden value of 17 characters');
    expect(message).toContain('STRIPE_MAX_RPS: expected a whole number of requests per second above 0, got "0"');
    expect(message).not.toContain('secretish');
  });

  it('requires cloud environments to name their resources', () => {
    expect(configError({ NORTHSTAR_ENV: 'dev', ...snowflake })).toBe(
      [
        'invalid environment for the workspace:',
        '  NORTHSTAR_RAW_URL is required when NORTHSTAR_ENV=dev',
        '  ORDERS_DB_URL is required when NORTHSTAR_ENV=dev (the workspace needs orders-db)',
        '  NORTHSTAR_MASK_KEY is required when NORTHSTAR_ENV=dev (the workspace needs mask-key)',
      ].join('\n'),
    );
  });

  it('requires every Snowflake variable once the warehouse is Snowflake', () => {
    expect(configError({ NORTHSTAR_WAREHOUSE: 'snowflake', SNOWFLAKE_ACCOUNT: 'a' })).toBe(
      [
        'invalid environment for the workspace:',
        '  SNOWFLAKE_PRIVATE_KEY_PATH is required when the warehouse is Snowflake (or SNOWFLAKE_PASSWORD, though a key pair is preferred)',
        '  SNOWFLAKE_USER is required when the warehouse is Snowflake',
        '  SNOWFLAKE_WAREHOUSE is required when the warehouse is Snowflake',
        '  SNOWFLAKE_DATABASE is required when the warehouse is Snowflake',
      ].join('\n'),
    );
  });

  it('builds the Snowflake connection for cloud environments', () => {
    const config = loadConfig({ NORTHSTAR_ENV: 'staging', ...cloud }, false);
    expect(config.warehouse).toEqual({
      kind: 'snowflake',
      account: 'ns-acct',
      username: 'loader',
      privateKeyPath: '/run/secrets/sf.p8',
      password: undefined,
      role: undefined,
      warehouse: 'LOAD_WH',
      database: 'NORTHSTAR_PROD',
      rawStage: 'raw_zone',
    });
    expect(config.maskKey).toBe(cloud.NORTHSTAR_MASK_KEY);
  });

  it('accepts a password where no key pair is given', () => {
    const { SNOWFLAKE_PRIVATE_KEY_PATH: _key, ...withoutKey } = cloud;
    expect(loadConfig({ NORTHSTAR_ENV: 'dev', ...withoutKey, SNOWFLAKE_PASSWORD: 'pw' }, false).warehouse).toMatchObject({ password: 'pw' });
  });

  it('has no mask key in prod, even when one is set, and needs none', () => {
    const { NORTHSTAR_MASK_KEY: _unused, ...withoutKey } = cloud;
    expect(loadConfig({ NORTHSTAR_ENV: 'prod', ...withoutKey }, false).maskKey).toBeUndefined();
    expect(loadConfig({ NORTHSTAR_ENV: 'prod', ...cloud }, false).maskKey).toBeUndefined();
  });
});

describe('ORDERS_DB_URL', () => {
  it('refuses a URL that does not parse (exit 2), without echoing it', () => {
    for (const bad of ['postgres://u:SECRETPW@db:port/shop', 'postgres://u:SEC#RETPW@db/shop', 'postgres://u:SECRETPW@db:99999/shop']) {
      const message = configError({ ORDERS_DB_URL: bad });
      expect(message).toContain(`ORDERS_DB_URL: expected a postgres:// URL that parses (a numeric port; @ : / ? # in a password percent-encoded), got a hidden value of ${bad.length} characters`);
      expect(message).not.toContain('SEC');
    }
  });

  it('accepts what pg accepts: an unencoded @ in the password, a query string, a socket URL', () => {
    for (const good of ['postgres://u:p@ss@127.0.0.1:5432/shop', 'postgresql://u@localhost/shop?password=x&sslmode=require', 'postgres://u@/shop?host=/run/postgresql']) {
      expect(loadConfig({ ORDERS_DB_URL: good }, false).ordersDbUrl).toBe(good);
    }
  });

  it('is described by user, host, port and database only', () => {
    expect(describeDbUrl('postgres://u@127.0.0.1:1/db?password=SECRETPW')).toBe('postgres://u@127.0.0.1:1/db');
    expect(describeDbUrl('postgres://u:p@SECRETPW@127.0.0.1:1/db')).toBe('postgres://u@127.0.0.1:1/db');
    expect(describeDbUrl('postgresql://r%C3%A9ader:SECRETPW@[::1]/my%20db')).toBe('postgres://réader@[::1]/my db');
    expect(describeDbUrl('postgres://u:SECRETPW@/shop?host=/run/postgresql')).toBe('postgres://u@(socket /run/postgresql)/shop');
    expect(describeDbUrl('postgres://u:SECRETPW@db:port/shop')).toBe('a database URL that does not parse');
  });
});

describe('the built-in mask key', () => {
  it('hashes the local sandbox: an orders DB and an S3 endpoint on loopback, a local raw zone', () => {
    const key = loadConfig({}, false).maskKey;
    expect(key).toBeDefined();
    expect(loadConfig({ ORDERS_DB_URL: 'postgres://postgres@localhost:5432/shop', NORTHSTAR_RAW_URL: 's3://rawzone/raw', NORTHSTAR_S3_ENDPOINT: 'http://127.0.0.1:4568' }, false).maskKey).toBe(key);
    expect(loadConfig({ ORDERS_DB_URL: 'postgres://u:SECRET@orders.internal/shop', NORTHSTAR_MASK_KEY: 'a-mask-key-of-32-characters-long' }, false).maskKey).toBe('a-mask-key-of-32-characters-long');
  });

  it('is refused (exit 2) against an orders DB off this machine or a raw zone in a real bucket', () => {
    expect(configError({ ORDERS_DB_URL: 'postgres://reader@orders.internal:5432/shop' })).toBe(
      'invalid environment for the workspace:\n  NORTHSTAR_MASK_KEY is required when the orders DB is not on this machine (the built-in key is for the local sandbox only)',
    );
    expect(configError({ NORTHSTAR_RAW_URL: 's3://northstar-raw/dev' })).toContain('NORTHSTAR_MASK_KEY is required when the raw zone is not on this machine');
    expect(configError({ NORTHSTAR_RAW_URL: 's3://northstar-raw/dev', NORTHSTAR_S3_ENDPOINT: 'https://s3.eu-west-1.amazonaws.com' })).toContain('NORTHSTAR_MASK_KEY is required');
  });
});


describe('loadAppConfig: each app requires what its needs name (config-needs.ts)', () => {
  const cloudShared = { NORTHSTAR_ENV: 'dev', NORTHSTAR_RAW_URL: 's3://northstar-raw', ...snowflake };
  const appError = (declared: Parameters<typeof loadAppConfig>[0], env: Record<string, string>): string => {
    try {
      loadAppConfig(declared, env, false);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('loadAppConfig accepted the environment');
  };

  it('every variable the schema reads is shared or belongs to exactly one need', () => {
    const owners = configVariableNames.map((name) => [name, [...(sharedConfigVariables as readonly string[]).includes(name) ? ['shared'] : [], ...Object.entries(configNeeds).filter(([, spec]) => (spec.variables as readonly string[]).includes(name)).map(([need]) => need)]]);
    expect(owners.filter(([, found]) => found.length !== 1)).toEqual([]);
    const named = [...sharedConfigVariables, ...Object.values(configNeeds).flatMap((spec) => spec.variables)];
    expect(named.filter((name) => !configVariableNames.includes(name))).toEqual([]);
  });

  it('an app without the orders DB or mask-key needs runs on AWS without them', () => {
    const config = loadAppConfig({ app: 'load', needs: [] }, cloudShared, false);
    expect([config.ordersDbUrl, config.maskKey, config.rawUrl]).toEqual([undefined, undefined, 's3://northstar-raw']);
  });

  it('names the app and each missing variable of its needs, all at once', () => {
    expect(appError({ app: 'extract-zendesk', needs: ['mask-key', 'zendesk'] }, { ...cloudShared, ZENDESK_URL: 'https://n.zendesk.com' })).toBe(
      [
        'invalid environment for extract-zendesk:',
        '  NORTHSTAR_MASK_KEY is required when NORTHSTAR_ENV=dev (extract-zendesk needs mask-key)',
        '  ZENDESK_EMAIL is required when NORTHSTAR_ENV=dev (extract-zendesk needs zendesk)',
        '  ZENDESK_API_TOKEN is required when NORTHSTAR_ENV=dev (extract-zendesk needs zendesk)',
      ].join('\n'),
    );
    expect(appError({ app: 'extract-stripe', needs: ['stripe'] }, { ...cloudShared, NORTHSTAR_RAW_URL: '' })).toBe(
      'invalid environment for extract-stripe:\n  NORTHSTAR_RAW_URL is required when NORTHSTAR_ENV=dev\n  STRIPE_API_KEY is required when NORTHSTAR_ENV=dev (extract-stripe needs stripe)',
    );
  });

  it('prod needs no mask key; locally the sandbox stands in for what an app needs, and only for that', () => {
    expect(loadAppConfig({ app: 'extract-stripe', needs: ['mask-key', 'stripe'] }, { ...cloudShared, NORTHSTAR_ENV: 'prod', STRIPE_API_KEY: 'rk_live_x' }, false).maskKey).toBeUndefined();
    expect(loadAppConfig({ app: 'extract-orders-db', needs: ['orders-db', 'mask-key'] }, {}, false)).toMatchObject({ ordersDbUrl: LOCAL_ORDERS_DB_URL, maskKey: expect.any(String) });
    expect(loadAppConfig({ app: 'quality', needs: ['alerts'] }, {}, false)).toMatchObject({ ordersDbUrl: undefined, maskKey: undefined, alertsTopicArn: undefined });
  });

  it('still checks a variable the app does not need when it is given', () => {
    expect(appError({ app: 'load', needs: [] }, { ORDERS_DB_URL: 'mysql://x' })).toContain('ORDERS_DB_URL: expected a postgres:// URL');
  });
});
