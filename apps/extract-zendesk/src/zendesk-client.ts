import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { ConfigError, isTransient, TransientError, withRetry, type Logger } from '@northstar/core';
import { RequestBudget, type BudgetClock } from './request-budget';

export interface ZendeskAccount {
  readonly url: string;
  readonly email: string;
  /** Sent only as basic auth (`email/token:apiToken`); never logged nor put in messages. */
  readonly apiToken: string;
}

export interface ZendeskClientOptions {
  readonly requestsPerMinute: number;
  readonly logger: Logger;
  /** Tries per request, counting the first; throttling and outages wait their Retry-After in between. */
  readonly attempts?: number;
  readonly clock?: BudgetClock;
  readonly timeoutMs?: number;
  /** Told of each retried request: the run record's Retries. */
  readonly onRetry?: () => void;
}

/** Zendesk asked us to wait (429, or a 503 with Retry-After). */
export class ZendeskThrottled extends TransientError {
  constructor(message: string, readonly retryAfterMs: number | undefined) {
    super(message);
  }
}

/**
 * Zendesk refused a start_time inside its last minute: its clock is behind
 * ours. Transient (a later run, or the clocks agreeing, gets through), but
 * not worth retrying within the run: how far behind it is is unknown.
 */
export class ZendeskClockBehind extends TransientError {}

const DEFAULT_ATTEMPTS = 8;

/**
 * GETs from the Zendesk API under the export budget: every try (retries
 * too) waits for room in the rolling minute, a 429 or 503 waits its
 * Retry-After, and failures become typed errors: throttling and outages
 * transient (75), a refused login or request bad input (2). Error messages
 * name the path, never the query's cursor or the login.
 */
export class ZendeskClient {
  private readonly http: AxiosInstance;
  private readonly budget: RequestBudget;
  private readonly clock: BudgetClock | undefined;

  constructor(account: ZendeskAccount, private readonly options: ZendeskClientOptions) {
    this.http = axios.create({
      baseURL: account.url,
      auth: { username: `${account.email}/token`, password: account.apiToken },
      timeout: options.timeoutMs ?? 60_000,
      // Every status comes back as a response: errors are classified here, and an AxiosError (which carries the auth) never escapes.
      validateStatus: () => true,
      headers: { accept: 'application/json' },
    });
    this.clock = options.clock;
    this.budget = new RequestBudget(options.requestsPerMinute, options.clock);
  }

  async get<T>(path: string, params: Readonly<Record<string, string | number>>): Promise<T> {
    return withRetry(async () => this.once<T>(path, params), {
      attempts: this.options.attempts ?? DEFAULT_ATTEMPTS,
      baseDelayMs: 1_000,
      maxDelayMs: 60_000,
      retryOn: (error) => isTransient(error) && !(error instanceof ZendeskClockBehind),
      delayHint: (error) => (error instanceof ZendeskThrottled ? error.retryAfterMs : undefined),
      onRetry: (error, attempt, delayMs) => {
        this.options.onRetry?.();
        this.options.logger.warn({ path, attempt, delayMs, reason: (error as Error).message }, 'Zendesk request failed; retrying');
      },
      ...(this.clock ? { sleep: this.clock.sleep } : {}),
    });
  }

  private async once<T>(path: string, params: Readonly<Record<string, string | number>>): Promise<T> {
    await this.budget.acquire();
    let response: AxiosResponse;
    try {
      response = await this.http.get(path, { params });
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'no response';
      throw new TransientError(`Zendesk GET ${path}: ${code}`);
    }
    if (response.status === 200) return response.data as T;
    throw classify(path, response);
  }
}

function classify(path: string, response: AxiosResponse): Error {
  const { status } = response;
  const retryAfter = Number(response.headers['retry-after']);
  const waitMs = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined;
  if (status === 429) return new ZendeskThrottled(`Zendesk GET ${path}: 429 over the rate limit${waitMs === undefined ? '' : `, retry after ${retryAfter} s`}`, waitMs);
  if (status >= 500) return new ZendeskThrottled(`Zendesk GET ${path}: HTTP ${status}`, waitMs);
  if (status === 401 || status === 403) return new ConfigError(`Zendesk GET ${path}: HTTP ${status}, the login was refused; check ZENDESK_EMAIL and ZENDESK_API_TOKEN (an API token of an agent who may export)`);
  const description = typeof response.data === 'object' && response.data !== null ? (response.data as { description?: unknown; error?: unknown }) : {};
  if (status === 400 && /too recent start_time/i.test(`${String(description.description ?? '')} ${String(description.error ?? '')}`)) {
    return new ZendeskClockBehind(`Zendesk GET ${path}: HTTP 400, start_time is inside Zendesk's last minute: its clock is behind this machine's; the next run retries`);
  }
  return new ConfigError(`Zendesk GET ${path}: HTTP ${status}${description.description ? `: ${String(description.description)}` : description.error ? `: ${String(description.error)}` : ''}`);
}
