// `npm run capacity [-- --write-sizing]`: the capacity and cost model of
// docs/capacity.md; --write-sizing writes terraform/sizing.json from the base case.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { caseInputs, caseNames } from '../apps/orchestrator/src/capacity/capacity-inputs';
import { planCapacity } from '../apps/orchestrator/src/capacity/capacity-model';
import { formatCapacityReport } from '../apps/orchestrator/src/capacity/capacity-report';
import { monthlyCost } from '../apps/orchestrator/src/capacity/monthly-cost';
import { sizingFile } from '../apps/orchestrator/src/capacity/sizing-file';

const opts = new Command('capacity')
  .option('--write-sizing', 'write terraform/sizing.json from the base case')
  .parse(process.argv)
  .opts<{ writeSizing?: boolean }>();

const cases = caseNames.map((name) => {
  const inputs = caseInputs(name);
  const plan = planCapacity(inputs);
  return { name, inputs, plan, cost: monthlyCost(inputs, plan) };
});
console.log(formatCapacityReport(cases));
if (opts.writeSizing) {
  const base = cases.find((c) => c.name === 'base');
  if (!base) throw new Error('no base case');
  const file = path.resolve(__dirname, '..', 'terraform', 'sizing.json');
  writeFileSync(file, `${JSON.stringify(sizingFile(base.plan), null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}
