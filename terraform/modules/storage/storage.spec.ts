import { block, readTerraformModule, workspaceValue, type Hcl, type TerraformModule } from '../../testing/terraform-module';

const sevenYears = 2557;
let storage: TerraformModule;

beforeAll(async () => {
  storage = await readTerraformModule('modules/storage');
});

const buckets = () => storage.locals()['buckets'] as Record<string, { transitions: Array<{ days: number; storage_class: string }> }>;

it('declares the raw zone, quarantine and archive buckets', () => {
  expect(Object.keys(buckets()).sort()).toEqual(['archive', 'quarantine', 'raw']);
  expect(storage.resources('aws_s3_bucket')['this']['for_each']).toBe('${local.buckets}');
});

it('every bucket blocks public access, is versioned and encrypted with the KMS key', () => {
  const publicAccess = storage.resources('aws_s3_bucket_public_access_block')['this'];
  expect(publicAccess['for_each']).toBe('${aws_s3_bucket.this}');
  for (const setting of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) expect(publicAccess[setting]).toBe(true);
  const versioning = storage.resources('aws_s3_bucket_versioning')['this'];
  expect([versioning['for_each'], block(versioning, 'versioning_configuration')['status']]).toEqual(['${aws_s3_bucket.this}', 'Enabled']);
  const encryption = storage.resources('aws_s3_bucket_server_side_encryption_configuration')['this'];
  expect(encryption['for_each']).toBe('${aws_s3_bucket.this}');
  const byDefault = block(block(encryption, 'rule'), 'apply_server_side_encryption_by_default');
  expect([byDefault['sse_algorithm'], byDefault['kms_master_key_id']]).toEqual(['aws:kms', '${aws_kms_key.data.arn}']);
});

it('every bucket refuses requests without TLS', () => {
  const policy = storage.resources('aws_s3_bucket_policy')['tls_only'];
  expect(policy['for_each']).toBe('${aws_s3_bucket.this}');
  const statement = block(storage.data('aws_iam_policy_document')['tls_only'], 'statement');
  expect([statement['effect'], statement['actions']]).toEqual(['Deny', ['s3:*']]);
  expect(block(statement, 'condition')).toMatchObject({ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] });
});

it('lifecycle: raw goes to an infrequent tier, then Deep Archive, and every bucket expires at 7 years', () => {
  expect(buckets()['raw'].transitions.map((t) => t.storage_class)).toEqual(['STANDARD_IA', 'DEEP_ARCHIVE']);
  const days = buckets()['raw'].transitions.map((t) => t.days);
  expect(days).toEqual([...days].sort((a, b) => a - b));
  expect(storage.locals()['retention_days']).toBe(sevenYears);
  const rule = block(storage.resources('aws_s3_bucket_lifecycle_configuration')['this'], 'rule');
  expect(block(rule, 'expiration')['days']).toBe('${local.retention_days}');
  expect(rule['status']).toBe('Enabled');
  for (const bucket of Object.values(buckets())) for (const t of bucket.transitions) expect(t.days).toBeLessThan(sevenYears);
});

it("Snowflake's role reads the raw zone only, and only with the integration's external id", () => {
  const statements = storage.data('aws_iam_policy_document')['snowflake_read']['statement'] as Hcl[];
  for (const statement of statements) expect(JSON.stringify(statement['resources'])).not.toMatch(/quarantine|archive/);
  expect(statements.flatMap((s) => s['actions'] as string[]).filter((a) => /Put|Delete/.test(a))).toEqual([]);
  const trust = block(storage.data('aws_iam_policy_document')['snowflake_trust'], 'statement');
  expect(block(trust, 'condition')).toMatchObject({ variable: 'sts:ExternalId', values: ['${var.snowflake_external_id}'] });
});

it("the capacity model prices the raw bucket's own lifecycle: Standard, then Standard-IA, then Deep Archive, on the same days", () => {
  const inputs = workspaceValue<{ s3StandardDays: number; s3InfrequentUntilDays: number; archiveYears: number }>(
    "const { baseInputs } = require('./apps/orchestrator/src/capacity/capacity-inputs'); console.log(JSON.stringify(baseInputs))",
  );
  expect(buckets()['raw'].transitions).toEqual([
    { days: inputs.s3StandardDays, storage_class: 'STANDARD_IA' },
    { days: inputs.s3InfrequentUntilDays, storage_class: 'DEEP_ARCHIVE' },
  ]);
  // 7 years of days, the model's 365 a year plus two leap days.
  expect(storage.locals()['retention_days']).toBe(inputs.archiveYears * 365 + 2);
});
