import { block, readTerraformModule, type TerraformModule } from '../../testing/terraform-module';

let scheduler: TerraformModule;
let pipeline: TerraformModule;

beforeAll(async () => {
  scheduler = await readTerraformModule('modules/scheduler');
  pipeline = await readTerraformModule('modules/pipeline');
});

const schedule = () => scheduler.resources('aws_scheduler_schedule')['this'];

interface Schedule {
  expression: string;
  target: string;
  parameters: Record<string, string>;
}
const schedules = () => scheduler.locals()['schedules'] as Record<string, Schedule>;

it('hourly and nightly launches and a monthly retention job, in UTC, flexible window off', () => {
  expect(Object.fromEntries(Object.entries(schedules()).map(([name, s]) => [name, [s.target, s.parameters['mode']]]))).toEqual({
    hourly: ['launcher', 'hourly'],
    nightly: ['launcher', 'nightly'],
    retention: ['retention', undefined],
  });
  expect(schedules()['hourly'].expression).toMatch(/^cron\(\d+ \* \* \* \? \*\)$/);
  expect(schedules()['nightly'].expression).toMatch(/^cron\(\d+ \d+ \* \* \? \*\)$/);
  // Once a month, on the 1st, later in the day than the nightly.
  const [minute, hour, day] = /^cron\((\d+) (\d+) (\d+) \* \? \*\)$/.exec(schedules()['retention'].expression)!.slice(1).map(Number);
  const [, nightlyMinute, nightlyHour] = /^cron\((\d+) (\d+)/.exec(schedules()['nightly'].expression)!.map(Number);
  expect(day).toBe(1);
  expect(hour * 60 + minute).toBeGreaterThan(nightlyHour * 60 + nightlyMinute);
  expect(schedule()['schedule_expression_timezone']).toBe('UTC');
  expect(block(schedule(), 'flexible_time_window')['mode']).toBe('OFF');
});

it('every schedule submits its job through the universal target, the scheduled time in Parameters', () => {
  const target = block(schedule(), 'target');
  expect(target['arn']).toBe('arn:aws:scheduler:::aws-sdk:batch:submitJob');
  const input = target['input'] as string;
  for (const key of ['JobName', 'JobQueue', 'JobDefinition', 'Parameters']) expect(input).toMatch(new RegExp(`\\b${key}\\s*=`));
  expect(input).toMatch(/JobDefinition\s*=\s*local\.targets\[each\.value\.target\]\.job_definition_arn\b/);
  expect(input).toMatch(/Parameters\s*=\s*each\.value\.parameters\b/);
  for (const s of Object.values(schedules())) expect(s.parameters['at']).toBe('<aws.scheduler.scheduled-time>');
  const targets = scheduler.locals()['targets'] as Record<string, { job_queue_arn: string; job_definition_arn: string }>;
  expect(targets).toEqual({
    launcher: { job_queue_arn: '${var.job_queue_arn}', job_definition_arn: '${var.launcher_job_definition_arn}' },
    retention: { job_queue_arn: '${var.backfill_job_queue_arn}', job_definition_arn: '${var.retention_job_definition_arn}' },
  });
  const wiring = pipeline.modules()['scheduler'];
  expect(wiring['launcher_job_definition_arn']).toBe('${module.batch.job_definition_arns["launcher"]}');
  expect(wiring['job_queue_arn']).toBe('${module.batch.job_queue_arns["hourly"]}');
  // Retention deletes months: the low-priority queue, out of the hourly runs' way.
  expect(wiring['retention_job_definition_arn']).toBe('${module.batch.job_definition_arns["retention"]}');
  expect(wiring['backfill_job_queue_arn']).toBe('${module.batch.job_queue_arns["backfill"]}');
});

it('a late hour is a new hour: a short maximum event age, few retries, and a dead-letter queue', () => {
  const target = block(schedule(), 'target');
  const retry = block(target, 'retry_policy');
  expect(retry['maximum_event_age_in_seconds']).toBeLessThanOrEqual(900);
  expect(retry['maximum_retry_attempts']).toBeLessThanOrEqual(3);
  expect(block(target, 'dead_letter_config')['arn']).toBe('${aws_sqs_queue.dead_letters.arn}');
});

it("the Scheduler's role may submit the launcher and the retention job to their queues and nothing else", () => {
  const statements = scheduler.data('aws_iam_policy_document')['scheduler']['statement'] as Array<Record<string, unknown>>;
  const submits = statements.filter((s) => (s['actions'] as string[]).includes('batch:SubmitJob')).map((s) => s['resources']);
  expect(submits).toEqual([
    ['${var.job_queue_arn}', '${var.launcher_job_definition_arn_prefix}:*'],
    ['${var.backfill_job_queue_arn}', '${var.retention_job_definition_arn_prefix}:*'],
  ]);
});

it("the Parameters each schedule sends are exactly its job definition's Ref:: parameters", async () => {
  const batch = await readTerraformModule('modules/batch');
  const definitions = { ...(batch.locals()['orchestrator_definitions'] as object), ...(batch.locals()['retention_definitions'] as object) } as Record<string, { command: string[] }>;
  for (const [name, s] of Object.entries(schedules())) {
    const refs = definitions[s.target].command.filter((w) => w.startsWith('Ref::')).map((w) => w.slice(5)).sort();
    expect([name, Object.keys(s.parameters).sort()]).toEqual([name, refs]);
  }
});
