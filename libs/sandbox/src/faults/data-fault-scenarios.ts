import type { FaultScenario } from './fault-scenario';
import { expectExit, howItEnded, minutesAfter } from './scenario-steps';

/** Faults in the source's data and shape: each injected by the sandbox, then the hourly (or nightly) run that must absorb it. */
export const dataFaultScenarios: readonly FaultScenario[] = [
  {
    name: 'replay_hour_3x',
    summary: 'the 07:00 hour run three times after a normal hour of changes',
    async run(stage) {
      await stage.baseline();
      await stage.sandbox.advanceHour(stage.hour(0));
      const exits = [];
      for (let i = 0; i < 3; i++) exits.push(await stage.pipeline('hourly', stage.hour(1)));
      return {
        did: `hourly 07:00 x3: ${exits.map(howItEnded).join(', ')}`,
        windowEnd: stage.hour(1),
        problems: exits.flatMap((e, i) => expectExit(`run ${i + 1}`, e, [0])),
      };
    },
  },
  {
    name: 'late_commit',
    summary: 'an order inserted at 06:30 in a transaction held open across the 07:00 run, committed after it; then 08:00',
    source: 'postgres',
    async run(stage) {
      await stage.baseline();
      await stage.sandbox.advanceHour(stage.hour(0));
      const writer = await stage.sandbox.beginLateCommit(minutesAfter(stage.hour(0), 30));
      let during;
      try {
        during = await stage.pipeline('hourly', stage.hour(1));
      } finally {
        await writer.commit();
      }
      await stage.sandbox.advanceHour(stage.hour(1));
      const next = await stage.pipeline('hourly', stage.hour(2));
      return {
        did: `order ${writer.orderId} committed after the 07:00 run (${howItEnded(during)}); 08:00 ${howItEnded(next)}`,
        windowEnd: stage.hour(2),
        problems: [...expectExit('07:00', during, [0]), ...expectExit('08:00', next, [0])],
      };
    },
  },
  {
    name: 'hard_delete',
    summary: 'three orders and their items deleted outright, then hourly and nightly runs',
    async run(stage) {
      await stage.baseline();
      await stage.sandbox.advanceHour(stage.hour(0));
      const hourly = await stage.pipeline('hourly', stage.hour(1));
      const fault = await stage.sandbox.injectFault('hard_delete', minutesAfter(stage.hour(1), 10));
      const before = await stage.compare(stage.hour(1));
      const nightly = await stage.pipeline('nightly', stage.hour(2));
      return {
        did: `deleted orders ${fault.orderIds.join(', ')}; hourly ${howItEnded(hourly)}; wrong before nightly ${before.wrong}; nightly ${howItEnded(nightly)}`,
        windowEnd: stage.hour(1),
        // The comparison must have seen the deletes before the nightly flagged them, or it could not see them at all.
        problems: [...expectExit('hourly', hourly, [0]), ...expectExit('nightly', nightly, [0]), ...(before.wrong === 0 ? ['the comparison did not see the deleted rows before the nightly'] : [])],
      };
    },
  },
  {
    name: 'additive_drift',
    summary: 'alter table orders add column gift_message, a new order fills it, then the hourly run',
    async run(stage) {
      await stage.baseline();
      await stage.sandbox.advanceHour(stage.hour(0));
      await stage.sandbox.injectFault('new_column', minutesAfter(stage.hour(0), 30));
      const run = await stage.pipeline('hourly', stage.hour(1));
      return { did: `column added; hourly ${howItEnded(run)}`, windowEnd: stage.hour(1), problems: expectExit('hourly', run, [0]) };
    },
  },
  {
    name: 'breaking_drift',
    summary: 'alter table orders alter column tax type text, a new order in the new shape, then the hourly run',
    async run(stage) {
      await stage.baseline();
      await stage.sandbox.injectFault('type_change', minutesAfter(stage.hour(0), 30));
      const run = await stage.pipeline('hourly', stage.hour(1));
      // A breaking change stops the run (exit 3, not retried) and loads nothing: curated stays as the 06:00 run left it.
      return { did: `tax retyped to text; hourly ${howItEnded(run)} (stops, loads nothing)`, windowEnd: stage.hour(0), problems: expectExit('hourly', run, [3]) };
    },
  },
  {
    name: 'null_keys_and_duplicates',
    summary: 'an orders row with a NULL order_id and a new order inserted twice, then the hourly run',
    async run(stage) {
      await stage.baseline();
      await stage.sandbox.advanceHour(stage.hour(0));
      await stage.sandbox.injectFault('null_business_key', minutesAfter(stage.hour(0), 35));
      await stage.sandbox.injectFault('duplicate_rows', minutesAfter(stage.hour(0), 40));
      const run = await stage.pipeline('hourly', stage.hour(1));
      return { did: `null key + duplicated order; hourly ${howItEnded(run)}`, windowEnd: stage.hour(1), problems: expectExit('hourly', run, [0]) };
    },
  },
];
