import { ConfigError } from '@northstar/core';
import { crashFaultScenarios } from './crash-fault-scenarios';
import { dataFaultScenarios } from './data-fault-scenarios';
import type { FaultScenario } from './fault-scenario';
import { infraFaultScenarios } from './infra-fault-scenarios';
import { partnerFaultScenarios } from './partner-fault-scenarios';
import { stripeFaultScenarios } from './stripe-fault-scenarios';
import { zendeskFaultScenarios } from './zendesk-fault-scenarios';

/**
 * Every scenario of `npm run faults`, in the order the table shows them. A
 * scenario's pipeline runs read the orders DB, which every comparison reads,
 * and its own source: serving and extracting the others would only add
 * minutes to each hour.
 */
export const faultScenarios: readonly FaultScenario[] = [
  ...reading(['orders_db'], [...crashFaultScenarios, ...dataFaultScenarios, ...infraFaultScenarios]),
  ...reading(['orders_db', 'stripe'], stripeFaultScenarios),
  ...reading(['orders_db', 'zendesk'], zendeskFaultScenarios),
  ...reading(['orders_db', 'partner_files'], partnerFaultScenarios),
];

function reading(sources: readonly string[], scenarios: readonly FaultScenario[]): FaultScenario[] {
  return scenarios.map((scenario) => ({ ...scenario, stage: { sources, ...scenario.stage } }));
}

/** The scenarios named in `names` (all when empty); an unknown name is an error that lists the known ones. */
export function selectFaultScenarios(names: readonly string[]): FaultScenario[] {
  if (names.length === 0) return [...faultScenarios];
  const unknown = names.filter((n) => !faultScenarios.some((s) => s.name === n));
  if (unknown.length) throw new ConfigError(`--only: unknown fault ${unknown.join(', ')}: expected some of ${faultScenarios.map((s) => s.name).join(', ')}`);
  return faultScenarios.filter((s) => names.includes(s.name));
}
