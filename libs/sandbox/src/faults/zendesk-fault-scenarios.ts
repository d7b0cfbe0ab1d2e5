import type { ZendeskWireFault } from '../zendesk-api';
import { attempts, expectLoaded, logLines, sourceHour } from './api-source-steps';
import type { FaultScenario, ScenarioEnd } from './fault-scenario';
import type { FaultStage } from './fault-stage';
import { compareTickets } from './source-comparison';
import { expectExit, howItEnded } from './scenario-steps';

/** Zendesk's export leaves out its last minute: a ticket updated in it is owed by the next run. */
/** Behind the newest ticket event the 06:00 run saw, whatever the sandbox history: the saved end_time is then in Zendesk's future. */
const CLOCK_BEHIND_MS = 30 * 86_400_000;
const EXPORT_LAG_MS = 60_000;

/** fct_support_tickets against the tickets Zendesk's export has shown by the hour `hours` after the epoch. */
async function ticketsEnd(stage: FaultStage, hours: number, did: string, problems: string[]): Promise<ScenarioEnd> {
  const until = new Date(stage.hour(hours).getTime() - EXPORT_LAG_MS);
  return { did, windowEnd: stage.hour(hours), problems, sourceComparison: await compareTickets(stage.config.warehouse, stage.apis.zendesk.current().tickets, until) };
}

/**
 * A wire fault in Zendesk's initial load, extracted before the orders' first
 * run: the client's retries (Retry-After honoured) absorb it; then the 06:00
 * pipeline. With `nextHour`, the orders and Zendesk go on to 07:00, for a
 * change the fault leaves to the next run.
 */
function wireFault(name: ZendeskWireFault, summary: string, retriesExpected: boolean, nextHour = false): FaultScenario {
  return {
    name: `zendesk_${name.replace(/-/g, '_')}`,
    summary,
    async run(stage) {
      stage.apis.zendesk.injectFault(name);
      const first = await sourceHour(stage, 'extract-zendesk', stage.hour(0));
      const retried = logLines(first, /Zendesk request failed; retrying/).length;
      await stage.baseline();
      const problems = [...expectLoaded('06:00', first), ...(retriesExpected && retried === 0 ? ['no request was retried'] : [])];
      let did = `${name}; extract ${attempts(first)}, ${retried} requests retried; 06:00 pipeline exit 0`;
      if (!nextHour) return ticketsEnd(stage, 0, did, problems);
      await stage.sandbox.advanceHour(stage.hour(0));
      const orders = await stage.pipeline('hourly', stage.hour(1));
      const next = await sourceHour(stage, 'extract-zendesk', stage.hour(1));
      did += `; orders 07:00 ${howItEnded(orders)}; Zendesk 07:00 ${attempts(next)}`;
      return ticketsEnd(stage, 1, did, [...problems, ...expectExit('orders 07:00', orders, [0]), ...expectLoaded('Zendesk 07:00', next)]);
    },
  };
}

/** Zendesk's faults: each through axios in extract-zendesk against the sandbox server, then fct_support_tickets compared with the account. */
export const zendeskFaultScenarios: readonly FaultScenario[] = [
  wireFault('repeated-page', 'Zendesk: one tickets export page served twice (the same after_cursor again)', false),
  wireFault('ticket-updated-between-pages', 'Zendesk: a ticket already served is updated before the next page; then 07:00', false, true),
  wireFault('rate-limit-storm', 'Zendesk: 3 requests in a row answered 429 with Retry-After: 1', true),
  wireFault('service-unavailable', 'Zendesk: 2 requests answered 503 with Retry-After: 1', true),
  {
    name: 'zendesk_too_recent_start_time',
    summary: "Zendesk: its clock 30 days behind at the 07:00 run, so the saved start_time (end_time of the 06:00 run) is inside or past its last minute (400 Too recent start_time); then the clock back and 07:00 again",
    async run(stage) {
      await stage.baseline();
      const first = await sourceHour(stage, 'extract-zendesk', stage.hour(0));
      stage.apis.zendeskClockAheadMs = -CLOCK_BEHIND_MS;
      const servedBefore = stage.apis.zendesk.requests.length;
      const behind = await sourceHour(stage, 'extract-zendesk', stage.hour(1));
      const refused = stage.apis.zendesk.requests.slice(servedBefore).filter((r) => r.status === 400).length;
      stage.apis.zendeskClockAheadMs = 0;
      const again = await sourceHour(stage, 'extract-zendesk', stage.hour(1));
      // Clock skew is no data problem and no bad parameter: the run may wait (75) or find nothing new (0), never exit 2 or 3.
      const skewed = behind.exits.filter((e) => e.code !== 0 && e.code !== 75);
      return ticketsEnd(stage, 1, `06:00 ${attempts(first)}; clock -30 days: 07:00 ${attempts(behind)} (${refused} requests refused 400); clock back: 07:00 ${attempts(again)}`, [
        ...expectLoaded('06:00', first), ...(refused === 0 ? ['Zendesk never refused a start_time: the fault did not happen'] : []), ...skewed.map((e) => `07:00 with the clock behind ${howItEnded(e)}, expected exit 0 or 75`), ...expectLoaded('07:00 with the clock back', again),
      ]);
    },
  },
];
