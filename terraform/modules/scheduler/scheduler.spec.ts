import { block, readTerraformModule, type TerraformModule } from '../../testing/terraform-module';

let scheduler: TerraformModule;
let pipeline: TerraformModule;

beforeAll(async () => {
  scheduler = await readTerraformModule('modules/scheduler');
  pipeline = await readTerraformModule('modules/pipeline');
});

const schedule = () => scheduler.resources('aws_scheduler_schedule')['this'];

it('hourly and nightly schedules, in UTC, flexible window off', () => {
  const schedules = scheduler.locals()['schedules'] as Record<string, { expression: string; mode: string }>;
  expect(Object.fromEntries(Object.entries(schedules).map(([name, s]) => [name, s.mode]))).toEqual({ hourly: 'hourly', nightly: 'nightly' });
  expect(schedules['hourly'].expression).toMatch(/^cron\(\d+ \* \* \* \? \*\)$/);
  expect(schedules['nightly'].expression).toMatch(/^cron\(\d+ \d+ \* \* \? \*\)$/);
  expect(schedule()['schedule_expression_timezone']).toBe('UTC');
  expect(block(schedule(), 'flexible_time_window')['mode']).toBe('OFF');
});

it('every schedule submits the launcher through the universal target, the scheduled time in Parameters', () => {
  const target = block(schedule(), 'target');
  expect(target['arn']).toBe('arn:aws:scheduler:::aws-sdk:batch:submitJob');
  const input = target['input'] as string;
  for (const key of ['JobName', 'JobQueue', 'JobDefinition', 'Parameters']) expect(input).toMatch(new RegExp(`\\b${key}\\s*=`));
  expect(input).toMatch(/JobDefinition\s*=\s*var\.launcher_job_definition_arn\b/);
  expect(input).toMatch(/Parameters\s*=\s*\{[^}]*at\s*=\s*"<aws\.scheduler\.scheduled-time>"/);
  expect(input).toMatch(/JobName\s*=\s*"northstar-launch-\$\{each\.key\}"/);
  const wiring = pipeline.modules()['scheduler'];
  expect(wiring['launcher_job_definition_arn']).toBe('${module.batch.job_definition_arns["launcher"]}');
  expect(wiring['job_queue_arn']).toBe('${module.batch.job_queue_arns["hourly"]}');
});

it('a late hour is a new hour: a short maximum event age, few retries, and a dead-letter queue', () => {
  const target = block(schedule(), 'target');
  const retry = block(target, 'retry_policy');
  expect(retry['maximum_event_age_in_seconds']).toBeLessThanOrEqual(900);
  expect(retry['maximum_retry_attempts']).toBeLessThanOrEqual(3);
  expect(block(target, 'dead_letter_config')['arn']).toBe('${aws_sqs_queue.dead_letters.arn}');
});

it("the Scheduler's role may submit the launcher to its queue and nothing else", () => {
  const statements = scheduler.data('aws_iam_policy_document')['scheduler']['statement'] as Array<Record<string, unknown>>;
  const submit = statements.find((s) => (s['actions'] as string[]).includes('batch:SubmitJob'));
  expect(submit?.['resources']).toEqual(['${var.job_queue_arn}', '${var.launcher_job_definition_arn_prefix}:*']);
});

it("the Parameters it sends are exactly the launcher command's Ref:: parameters", async () => {
  const batch = await readTerraformModule('modules/batch');
  const launcher = (batch.locals()['orchestrator_definitions'] as Record<string, { command: string[] }>)['launcher'];
  const refs = launcher.command.filter((w) => w.startsWith('Ref::')).map((w) => w.slice(5)).sort();
  const sent = /Parameters\s*=\s*\{([^}]*)\}/.exec(block(schedule(), 'target')['input'] as string)![1];
  expect([...sent.matchAll(/(\w+)\s*=/g)].map((m) => m[1]).sort()).toEqual(refs);
});
