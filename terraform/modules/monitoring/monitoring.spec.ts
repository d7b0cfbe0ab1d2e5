import { block, readTerraformModule, workspaceValue, type TerraformModule } from '../../testing/terraform-module';

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
  const alarms = monitoring.locals()['alarms'] as Record<string, { namespace: string; metric: string; threshold: number; missing: string }>;
  expect(alarms['freshness']).toMatchObject({ metric: 'FreshnessLagMinutes', threshold: 45, missing: 'breaching' });
  expect(alarms['quality']).toMatchObject({ metric: 'QualityErrors', threshold: 0 });
  expect(alarms['held_window']).toMatchObject({ metric: 'WindowHeldBackMinutes' });
  // An alarm on a log metric filter reads what the filter publishes.
  const metrics = monitoring.locals()['metrics'] as Record<string, { value: string }>;
  for (const alarm of Object.values(alarms).filter((a) => a.namespace === '${local.namespace}')) expect(Object.keys(metrics)).toContain(alarm.metric);
  expect(metrics['WindowHeldBackMinutes'].value).toBe('$.heldBackMinutes');
  const alarm = monitoring.resources('aws_cloudwatch_metric_alarm')['this'];
  expect(alarm['alarm_actions']).toEqual(['${aws_sns_topic.alerts.arn}']);
  expect([alarm['namespace'], alarm['metric_name'], alarm['dimensions']]).toEqual(['${each.value.namespace}', '${each.value.metric}', '${each.value.dimensions}']);
});

it('the freshness alarm reads the metric the apps emit: the run record\'s Embedded Metric Format namespace, name and dimension (libs/core run-record.ts)', () => {
  const emitted = workspaceValue<{ namespace: string; metric: string; record: Record<string, unknown> }>(`
    const { runMetricNamespace, runMetricNames, embeddedMetricRecord } = require('@northstar/core');
    const record = embeddedMetricRecord({ app: 'quality', seconds: 1, exitCode: 0, rowsIn: 0, rowsOut: 0, bytes: 0, retries: 0, lagMinutes: 12 }, new Date(0));
    console.log(JSON.stringify({ namespace: runMetricNamespace, metric: runMetricNames.lagMinutes, record }));
  `);
  const alarms = monitoring.locals()['alarms'] as Record<string, { namespace: string; metric: string; dimensions: Record<string, string> }>;
  expect(monitoring.locals()['emf_namespace']).toBe(emitted.namespace);
  expect(alarms['freshness']).toMatchObject({ namespace: '${local.emf_namespace}', metric: emitted.metric, dimensions: { App: 'quality' } });
  // The quality job's record publishes that metric under exactly the alarm's dimension set.
  const directive = (emitted.record['_aws'] as { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string }> }> }).CloudWatchMetrics[0];
  expect(directive.Namespace).toBe(emitted.namespace);
  expect(directive.Metrics.map((m) => m.Name)).toContain(emitted.metric);
  expect(directive.Dimensions).toContainEqual(Object.keys(alarms['freshness'].dimensions));
  expect(emitted.record['App']).toBe(alarms['freshness'].dimensions['App']);
  expect(emitted.record[emitted.metric]).toBe(12);
});

it('the topic is encrypted and accepts only EventBridge and CloudWatch', () => {
  // EventBridge and CloudWatch cannot use the AWS managed alias/aws/sns key: a key of our own, which lets them.
  expect(monitoring.resources('aws_sns_topic')['alerts']['kms_master_key_id']).toBe('${aws_kms_key.alerts.arn}');
  expect(monitoring.resources('aws_kms_key')['alerts']).toMatchObject({ enable_key_rotation: true, policy: '${data.aws_iam_policy_document.alerts_key.json}' });
  const keyStatements = monitoring.data('aws_iam_policy_document')['alerts_key']['statement'] as Array<Record<string, unknown>>;
  const services = keyStatements.find((s) => s['sid'] === 'AlarmsAndRulesPublish')!;
  expect(block(services, 'principals')['identifiers']).toEqual(['events.amazonaws.com', 'cloudwatch.amazonaws.com']);
  expect(block(services, 'condition')).toMatchObject({ variable: 'aws:SourceAccount', values: ['${var.account_id}'] });
  const statements = monitoring.data('aws_iam_policy_document')['alerts_topic']['statement'] as Array<Record<string, unknown>>;
  expect(statements.map((s) => block(s, 'principals')['identifiers'])).toEqual([['events.amazonaws.com'], ['cloudwatch.amazonaws.com']]);
});
