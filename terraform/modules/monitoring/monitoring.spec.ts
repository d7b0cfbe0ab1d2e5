import { block, readTerraformModule, type TerraformModule } from '../../testing/terraform-module';

let monitoring: TerraformModule;

beforeAll(async () => {
  monitoring = await readTerraformModule('modules/monitoring');
});

it('a Batch job ending FAILED on the pipeline queues reaches the SNS topic', () => {
  const rule = monitoring.resources('aws_cloudwatch_event_rule')['job_failed'];
  const pattern = rule['event_pattern'] as string;
  expect(pattern).toMatch(/source\s*=\s*\["aws\.batch"\]/);
  expect(pattern).toMatch(/"detail-type"\s*=\s*\["Batch Job State Change"\]/);
  expect(pattern).toMatch(/status\s*=\s*\["FAILED"\]/);
  expect(pattern).toMatch(/jobQueue\s*=\s*var\.job_queue_arns/);
  expect(monitoring.resources('aws_cloudwatch_event_target')['job_failed']['arn']).toBe('${aws_sns_topic.alerts.arn}');
});

it("alarms on the pipeline's own figures: freshness against 45 minutes, DQ errors, a writer holding the window", () => {
  const alarms = monitoring.locals()['alarms'] as Record<string, { metric: string; threshold: number; missing: string }>;
  expect(alarms['freshness']).toMatchObject({ metric: 'FreshnessLagMinutes', threshold: 45, missing: 'breaching' });
  expect(alarms['quality']).toMatchObject({ metric: 'QualityErrors', threshold: 0 });
  expect(alarms['held_window']).toMatchObject({ metric: 'WindowHeldBackMinutes' });
  const metrics = monitoring.locals()['metrics'] as Record<string, { value: string }>;
  for (const alarm of Object.values(alarms)) expect(Object.keys(metrics)).toContain(alarm.metric);
  expect(metrics['WindowHeldBackMinutes'].value).toBe('$.heldBackMinutes');
  const alarm = monitoring.resources('aws_cloudwatch_metric_alarm')['this'];
  expect(alarm['alarm_actions']).toEqual(['${aws_sns_topic.alerts.arn}']);
});

it('the topic is encrypted and accepts only EventBridge and CloudWatch', () => {
  expect(monitoring.resources('aws_sns_topic')['alerts']['kms_master_key_id']).toBe('alias/aws/sns');
  const statements = monitoring.data('aws_iam_policy_document')['alerts_topic']['statement'] as Array<Record<string, unknown>>;
  expect(statements.map((s) => block(s, 'principals')['identifiers'])).toEqual([['events.amazonaws.com'], ['cloudwatch.amazonaws.com']]);
});
