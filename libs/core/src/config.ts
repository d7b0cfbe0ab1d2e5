import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { missingNeeds, workspaceConfigNeeds, type AppConfigNeeds, type ConfigNeed } from './config-needs';
import { ConfigError } from './errors';
import { givenVariables } from './given-variables';

export const environments = ['local', 'dev', 'staging', 'prod'] as const;
export type NorthstarEnv = (typeof environments)[number];

/**
 * Digits only, as no other variable is trimmed either: Number() reads " " as
 * 0 (a safety lag of none) and "0x10" or "1e3" as numbers nobody wrote.
 */
const wholeNumber = (fallback: number, { least = 0, expected = 'a whole number' } = {}) =>
  z.string().regex(/^\d+$/, { error: expected }).transform(Number).refine((n) => Number.isSafeInteger(n) && n >= least, { error: expected }).default(fallback);
/** A file: URL must name a local path: `file://tmp/x` makes "tmp" a host, which Node refuses later. */
const rawZoneUrl = z.string().regex(/^(s3|file):\/\//, 'a URL starting s3:// or file://')
  .refine((url) => !url.startsWith('file:') || isLocalFileUrl(url), 'a file URL with three slashes before an absolute path, such as file:///data/raw');
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `one of ${values.join(', ')}` });

/**
 * Every environment variable the project reads, in one place. Defaults make
 * `local` work with nothing set; cloud environments must name their resources.
 * Each message completes "expected ...".
 */
const envSchema = z.object({
  NORTHSTAR_ENV: oneOf(environments).default('local'),
  NORTHSTAR_HOME: z.string().min(1).default('.northstar'),
  NORTHSTAR_RAW_URL: rawZoneUrl.optional(),
  NORTHSTAR_S3_ENDPOINT: z.url({ error: 'an http(s) URL such as http://127.0.0.1:4568' }).optional(),
  AWS_REGION: z.string().default('us-east-1'),
  NORTHSTAR_WAREHOUSE: oneOf(['duckdb', 'snowflake']).optional(),
  NORTHSTAR_DUCKDB_PATH: z.string().optional(),
  SNOWFLAKE_ACCOUNT: z.string().optional(),
  SNOWFLAKE_USER: z.string().optional(),
  SNOWFLAKE_PRIVATE_KEY_PATH: z.string().optional(),
  // The key itself (PEM), as AWS Batch hands a Secrets Manager secret over: a variable, not a file.
  SNOWFLAKE_PRIVATE_KEY: z.string().regex(/-----BEGIN (ENCRYPTED |RSA )?PRIVATE KEY-----/, 'a PEM private key (-----BEGIN PRIVATE KEY-----)').optional(),
  SNOWFLAKE_PASSWORD: z.string().optional(),
  SNOWFLAKE_ROLE: z.string().optional(),
  SNOWFLAKE_WAREHOUSE: z.string().optional(),
  SNOWFLAKE_DATABASE: z.string().optional(),
  SNOWFLAKE_RAW_STAGE: z.string().default('raw_zone'),
  ORDERS_DB_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .refine((url) => parseDbUrl(url) !== undefined, 'a postgres:// URL that parses (a numeric port; @ : / ? # in a password percent-encoded)').optional(),
  NORTHSTAR_MASK_KEY: z.string().min(16, 'at least 16 characters').optional(),
  NORTHSTAR_LOOKBACK_MINUTES: wholeNumber(60),
  NORTHSTAR_SAFETY_LAG_SECONDS: wholeNumber(60),
  NORTHSTAR_OPEN_WRITER_WARN_MINUTES: wholeNumber(15),
  NORTHSTAR_LOAD_LOCK_TTL_MINUTES: wholeNumber(240, { least: 1, expected: 'a whole number of minutes above 0' }),
  NORTHSTAR_INITIAL_START: z.iso.datetime({ offset: true, error: 'an ISO-8601 instant such as 2024-01-01T00:00:00Z' }).default('2024-01-01T00:00:00Z'),
  NORTHSTAR_ROWS_PER_PART: wholeNumber(250_000, { least: 1, expected: 'a whole number above 0' }),
  NORTHSTAR_LOG_LEVEL: oneOf(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  NORTHSTAR_LOG_FORMAT: oneOf(['json', 'pretty']).optional(),
  STRIPE_API_KEY: z.string().regex(/^(sk|rk)_(test|live)_\S+$/, 'a secret or restricted key starting sk_ or rk_ (test or live)').optional(),
  STRIPE_API_BASE: z.url({ protocol: /^https?$/, error: 'an http(s) URL such as https://api.stripe.com' }).optional(),
  STRIPE_MAX_RPS: wholeNumber(20, { least: 1, expected: 'a whole number of requests per second above 0' }),
  ZENDESK_URL: z.url({ protocol: /^https?$/, error: 'an http(s) URL such as https://northstar.zendesk.com' }).optional(),
  ZENDESK_EMAIL: z.string().regex(/^[^\s@/]+@[^\s@/]+$/, 'the email address of the agent owning the API token').optional(),
  ZENDESK_API_TOKEN: z.string().min(1).optional(),
  ZENDESK_REQUESTS_PER_MINUTE: wholeNumber(10, { least: 1, expected: 'a whole number of requests per minute above 0' }),
  ZENDESK_ORDER_FIELD_ID: z.string().regex(/^\d+$/, 'the numeric id of the ticket field holding the order number').optional(),
  NORTHSTAR_ALERTS_TOPIC_ARN: z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/, 'an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:northstar-alerts').optional(),
});

/** Every variable the project reads (config-needs.ts says which app reads which). */
export const configVariableNames: readonly string[] = Object.keys(envSchema.shape);

/** Never echoed into error messages: they hold or may embed credentials. */
const secretVariables = new Set(['NORTHSTAR_MASK_KEY', 'SNOWFLAKE_PASSWORD', 'SNOWFLAKE_PRIVATE_KEY', 'ORDERS_DB_URL', 'STRIPE_API_KEY', 'ZENDESK_API_TOKEN']);

export type NorthstarEnvVars = z.infer<typeof envSchema>;

export interface SnowflakeConfig {
  readonly account: string;
  readonly username: string;
  readonly privateKeyPath?: string;
  /** A secret: the PEM key itself (SNOWFLAKE_PRIVATE_KEY); used before privateKeyPath. */
  readonly privateKey?: string;
  readonly password?: string;
  readonly role?: string;
  readonly warehouse: string;
  readonly database: string;
  readonly rawStage: string;
}

export interface NorthstarConfig {
  readonly env: NorthstarEnv;
  readonly home: string;
  readonly rawUrl: string;
  readonly s3Endpoint?: string;
  readonly awsRegion: string;
  readonly warehouse: { readonly kind: 'duckdb'; readonly path: string } | ({ readonly kind: 'snowflake' } & SnowflakeConfig);
  /** Set when the app needs the orders DB (config-needs.ts), or given; see AppConfig. */
  readonly ordersDbUrl?: string;
  /** Undefined in prod, where PII is not masked by the extractors, and for apps that do not need it. */
  readonly maskKey?: string;
  readonly lookbackMs: number;
  readonly safetyLagMs: number;
  /** A writer open longer than this, holding the window end back, is logged as a warning. */
  readonly openWriterWarnMs: number;
  /** A source's load lock older than this is taken for a crashed load's and taken over. */
  readonly loadLockTtlMs: number;
  readonly initialStart: Date;
  readonly rowsPerPart: number;
  readonly log: { readonly level: string; readonly format: 'json' | 'pretty' };
  readonly stripe: StripeConfig;
  readonly zendesk: ZendeskConfig;
  /** Where alerts go: this SNS topic when set, else $NORTHSTAR_HOME/alerts.log and the console. */
  readonly alertsTopicArn?: string;
}

/** Unset outside local unless given: only the Zendesk extractor needs them (zendeskAccount), and other apps must not fail for their absence. */
export interface ZendeskConfig {
  readonly url?: string;
  /** With the token, basic auth as `email/token:token`. */
  readonly email?: string;
  /** A secret: never logged nor put in messages. */
  readonly apiToken?: string;
  /** The incremental export budget: 10 a minute per account, 30 with the High Volume add-on. */
  readonly requestsPerMinute: number;
  /** The custom ticket field where customers write an order number; unset, tickets name orders by external_id only. */
  readonly orderFieldId?: number;
}

export interface StripeConfig {
  /** A secret: never logged nor put in messages. Unset outside local unless STRIPE_API_KEY is: see stripeApiKey. */
  readonly apiKey?: string;
  /** Where the SDK sends requests: Stripe itself, or the sandbox locally. */
  readonly apiBase: string;
  /** Client-side ceiling; Stripe allows about 100 reads/s live and 25 in test mode. */
  readonly maxRequestsPerSecond: number;
}

/** Local sandbox orders DB: the port `npm run sandbox` and the demo serve PGlite on. */
export const LOCAL_ORDERS_DB_URL = 'postgres://postgres@127.0.0.1:55432/postgres';
/** Local sandbox Stripe API: the port `npm run sandbox` and the demo serve it on, and its made-up key. */
export const LOCAL_STRIPE_API_BASE = 'http://127.0.0.1:55433';
const LOCAL_STRIPE_API_KEY = 'sk_test_northstar_sandbox';
/** Local sandbox Zendesk API: the port the demo and `npm run sandbox` serve it on, and its made-up login. */
export const LOCAL_ZENDESK = { url: 'http://127.0.0.1:55434', email: 'sandbox@northstar.local', apiToken: 'northstar-sandbox-token', orderFieldId: 360_000_123_456 } as const;
const LOCAL_MASK_KEY = 'northstar-local-mask-key-not-secret';

/** The config of an app with these needs: the orders DB URL is there when the app needs it. */
export type AppConfig<N extends ConfigNeed> = NorthstarConfig & ('orders-db' extends N ? { readonly ordersDbUrl: string } : unknown);

/**
 * Reads and checks the environment once, at start-up, for an app and the
 * needs it declares (config-needs.ts): a variable only another app needs is
 * not required. Empty values count as unset (see `givenVariables`); every
 * problem is reported at once, naming the variable, what it should hold and
 * the app.
 */
export function loadAppConfig<N extends ConfigNeed>(declared: AppConfigNeeds<N>, env: Record<string, string | undefined> = process.env, isTty = Boolean(process.stdout.isTTY)): AppConfig<N> {
  const heading = `invalid environment for ${declared.app}:\n  `;
  const given = givenVariables(env);
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name}: expected ${issue.message}, got ${shown(name, given[name])}`;
    });
    throw new ConfigError(`${heading}${problems.join('\n  ')}`);
  }
  const v = parsed.data;
  const missing: string[] = [];
  const required: Required = (name, when) => {
    const value = v[name];
    if (value === undefined) missing.push(`${name} is required when ${when}`);
    return String(value ?? '');
  };
  const config = buildConfig(v, new Set(declared.needs), required, isTty);
  missing.push(...missingNeeds(declared, v.NORTHSTAR_ENV, v));
  if (missing.length) throw new ConfigError(`${heading}${missing.join('\n  ')}`);
  return config as AppConfig<N>;
}

/** The config of scripts, the demo and tests that run the whole pipeline from one process (workspaceConfigNeeds). */
export function loadConfig(env: Record<string, string | undefined> = process.env, isTty = Boolean(process.stdout.isTTY)): AppConfig<'orders-db' | 'mask-key'> {
  return loadAppConfig(workspaceConfigNeeds, env, isTty);
}

/** The Stripe key, for the one app that needs it; exit 2 naming the variable when it is not set. */
export function stripeApiKey(config: Pick<NorthstarConfig, 'stripe' | 'env'>): string {
  if (config.stripe.apiKey === undefined) throw new ConfigError(`invalid environment:\n  STRIPE_API_KEY is required when NORTHSTAR_ENV=${config.env}`);
  return config.stripe.apiKey;
}

/** The Zendesk account, for the one app that reads it; exit 2 naming the variables that are not set. */
export function zendeskAccount(config: Pick<NorthstarConfig, 'zendesk' | 'env'>): { url: string; email: string; apiToken: string } {
  const { url, email, apiToken } = config.zendesk;
  if (url === undefined || email === undefined || apiToken === undefined) {
    const missing = [url === undefined && 'ZENDESK_URL', email === undefined && 'ZENDESK_EMAIL', apiToken === undefined && 'ZENDESK_API_TOKEN'].filter(Boolean);
    throw new ConfigError(`invalid environment:\n  ${missing.join(', ')} required when NORTHSTAR_ENV=${config.env}`);
  }
  return { url, email, apiToken };
}

/** Reads a variable the chosen set-up cannot do without; `when` says which set-up. */
type Required = (name: keyof NorthstarEnvVars, when: string) => string;

function isLocalFileUrl(url: string): boolean {
  try {
    fileURLToPath(url);
    return true;
  } catch {
    return false;
  }
}

/**
 * The URL as pg reads it, or undefined when it does not parse. A socket URL
 * names no host (postgres://user@/db?host=/run/postgresql): it parses with a
 * placeholder host, as pg's own parser does.
 */
function parseDbUrl(url: string): { url: URL; socket: boolean } | undefined {
  try {
    return { url: new URL(url), socket: false };
  } catch {
    try {
      return { url: new URL(url.replace(/^(postgres(?:ql)?:\/\/(?:[^/?#]*@)?)(?=[/?#]|$)/, '$1socket')), socket: true };
    } catch {
      return undefined;
    }
  }
}

/**
 * A database URL fit for messages and logs: user, host, port and database
 * only. Never the password, nor the query string (it may carry
 * `password=`), whatever the URL's spelling: an unencoded '@' in the password
 * does not move the host boundary of a WHATWG parse.
 */
export function describeDbUrl(url: string): string {
  const parsed = parseDbUrl(url);
  if (!parsed) return 'a database URL that does not parse';
  const { url: u, socket } = parsed;
  const user = u.username ? `${safeDecode(u.username)}@` : '';
  const host = socket ? `(socket ${u.searchParams.get('host') ?? 'default'})` : u.hostname;
  return `postgres://${user}${host}${u.port ? `:${u.port}` : ''}${safeDecode(u.pathname)}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function shown(name: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  return secretVariables.has(name) ? `a hidden value of ${value.length} characters` : JSON.stringify(value);
}

function buildConfig(v: NorthstarEnvVars, needs: ReadonlySet<ConfigNeed>, required: Required, isTty: boolean): NorthstarConfig {
  const home = path.resolve(v.NORTHSTAR_HOME);
  const local = v.NORTHSTAR_ENV === 'local';
  const cloud = `NORTHSTAR_ENV=${v.NORTHSTAR_ENV}`;
  return {
    env: v.NORTHSTAR_ENV,
    home,
    // Not string-built: '#', '?' or '%' in the home would end or garble the URL's path.
    rawUrl: v.NORTHSTAR_RAW_URL ?? (local ? pathToFileURL(path.join(home, 'raw')).href : required('NORTHSTAR_RAW_URL', cloud)),
    s3Endpoint: v.NORTHSTAR_S3_ENDPOINT,
    awsRegion: v.AWS_REGION,
    warehouse: warehouseConfig(v, home, required),
    // Outside local, missingNeeds has named what a need lacks.
    ordersDbUrl: v.ORDERS_DB_URL ?? (local && needs.has('orders-db') ? LOCAL_ORDERS_DB_URL : undefined),
    // Prod extracts keep PII as is (Snowflake masking policies guard it there), so prod has no key.
    maskKey: v.NORTHSTAR_ENV === 'prod' || !needs.has('mask-key') ? undefined : (v.NORTHSTAR_MASK_KEY ?? (local ? sandboxMaskKey(v, required) : undefined)),
    lookbackMs: v.NORTHSTAR_LOOKBACK_MINUTES * 60_000,
    safetyLagMs: v.NORTHSTAR_SAFETY_LAG_SECONDS * 1000,
    openWriterWarnMs: v.NORTHSTAR_OPEN_WRITER_WARN_MINUTES * 60_000,
    loadLockTtlMs: v.NORTHSTAR_LOAD_LOCK_TTL_MINUTES * 60_000,
    initialStart: new Date(v.NORTHSTAR_INITIAL_START),
    rowsPerPart: v.NORTHSTAR_ROWS_PER_PART,
    log: { level: v.NORTHSTAR_LOG_LEVEL, format: v.NORTHSTAR_LOG_FORMAT ?? (isTty ? 'pretty' : 'json') },
    stripe: {
      // Optional here: only the Stripe extractor needs it (stripeApiKey), and other apps must not fail for its absence.
      ...(v.STRIPE_API_KEY || local ? { apiKey: v.STRIPE_API_KEY ?? LOCAL_STRIPE_API_KEY } : {}),
      apiBase: v.STRIPE_API_BASE ?? (local ? LOCAL_STRIPE_API_BASE : 'https://api.stripe.com'),
      maxRequestsPerSecond: v.STRIPE_MAX_RPS,
    },
    zendesk: {
      ...(v.ZENDESK_URL || local ? { url: v.ZENDESK_URL ?? LOCAL_ZENDESK.url } : {}),
      ...(v.ZENDESK_EMAIL || local ? { email: v.ZENDESK_EMAIL ?? LOCAL_ZENDESK.email } : {}),
      ...(v.ZENDESK_API_TOKEN || local ? { apiToken: v.ZENDESK_API_TOKEN ?? LOCAL_ZENDESK.apiToken } : {}),
      requestsPerMinute: v.ZENDESK_REQUESTS_PER_MINUTE,
      ...(v.ZENDESK_ORDER_FIELD_ID || local ? { orderFieldId: v.ZENDESK_ORDER_FIELD_ID ? Number(v.ZENDESK_ORDER_FIELD_ID) : LOCAL_ZENDESK.orderFieldId } : {}),
    },
    alertsTopicArn: v.NORTHSTAR_ALERTS_TOPIC_ARN,
  };
}

/**
 * The built-in mask key is public (it is in this file): it may hash only the
 * sandbox's made-up people. Against an orders DB off this machine, or a raw
 * zone in a real bucket, NORTHSTAR_ENV=local still needs a key of its own.
 */
function sandboxMaskKey(v: NorthstarEnvVars, required: Required): string {
  // Unset, it is the sandbox's own (LOCAL_ORDERS_DB_URL).
  const db = v.ORDERS_DB_URL === undefined ? undefined : parseDbUrl(v.ORDERS_DB_URL);
  const dbLocal = !db || db.socket || isLoopback(db.url.hostname);
  const raw = v.NORTHSTAR_RAW_URL;
  const rawLocal = raw === undefined || raw.startsWith('file:') || (v.NORTHSTAR_S3_ENDPOINT !== undefined && isLoopback(new URL(v.NORTHSTAR_S3_ENDPOINT).hostname));
  if (dbLocal && rawLocal) return LOCAL_MASK_KEY;
  return required('NORTHSTAR_MASK_KEY', `the ${dbLocal ? 'raw zone' : 'orders DB'} is not on this machine (the built-in key is for the local sandbox only)`);
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function warehouseConfig(v: NorthstarEnvVars, home: string, required: Required): NorthstarConfig['warehouse'] {
  const kind = v.NORTHSTAR_WAREHOUSE ?? (v.NORTHSTAR_ENV === 'local' ? 'duckdb' : 'snowflake');
  if (kind === 'duckdb') return { kind, path: path.resolve(v.NORTHSTAR_DUCKDB_PATH ?? path.join(home, 'warehouse.duckdb')) };
  const when = 'the warehouse is Snowflake';
  if (!v.SNOWFLAKE_PASSWORD && !v.SNOWFLAKE_PRIVATE_KEY) required('SNOWFLAKE_PRIVATE_KEY_PATH', `${when} (or SNOWFLAKE_PASSWORD, though a key pair is preferred)`);
  return {
    kind,
    account: required('SNOWFLAKE_ACCOUNT', when),
    username: required('SNOWFLAKE_USER', when),
    privateKeyPath: v.SNOWFLAKE_PRIVATE_KEY_PATH,
    privateKey: v.SNOWFLAKE_PRIVATE_KEY,
    password: v.SNOWFLAKE_PASSWORD,
    role: v.SNOWFLAKE_ROLE,
    warehouse: required('SNOWFLAKE_WAREHOUSE', when),
    database: required('SNOWFLAKE_DATABASE', when),
    rawStage: v.SNOWFLAKE_RAW_STAGE,
  };
}
