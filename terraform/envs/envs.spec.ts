import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { block, readTerraformModule, terraformRoot, type Hcl } from '../testing/terraform-module';

const envs = ['dev', 'staging', 'prod'];

describe.each(envs)('envs/%s', (env) => {
  let root: Hcl;
  let main: Awaited<ReturnType<typeof readTerraformModule>>;
  beforeAll(async () => {
    main = await readTerraformModule(`envs/${env}`);
    root = main.files['main.tf'];
  });

  it('keeps its own state', () => {
    const backend = block(root, 'terraform')['backend'] as Record<string, Hcl>;
    expect(backend['s3']).toMatchObject([{ bucket: `northstar-terraform-state-${env}`, key: `northstar/${env}.tfstate`, encrypt: true, use_lockfile: true }]);
  });

  it('reads the sizing with jsondecode(file(...)) and deploys the pipeline as this environment', () => {
    expect(main.locals()['sizing']).toBe('${jsondecode(file("${path.module}/../../sizing.json"))}');
    expect(main.modules()['northstar']).toMatchObject({ source: '../../modules/pipeline', environment: env, sizing: '${local.sizing}' });
  });

  it('enables the Snowflake preview resources the modules use', () => {
    const provider = (root['provider'] as Record<string, Hcl[]>)['snowflake'][0];
    const snowflakeText = readFileSync(path.join(terraformRoot, 'modules/snowflake/main.tf'), 'utf8');
    const used = ['file_format', 'stage', 'storage_integration'].filter((r) => new RegExp(`resource "snowflake_${r}"`).test(snowflakeText));
    expect(provider['preview_features_enabled']).toEqual(used.map((r) => `snowflake_${r}_resource`));
  });
});

it('sizing.json has the shape the modules read', () => {
  const sizing = JSON.parse(readFileSync(path.join(terraformRoot, 'sizing.json'), 'utf8')) as {
    jobs: Record<string, { vcpu: number; memory_mib: number; timeout_seconds: number }>;
    snowflake: Record<string, unknown>;
  };
  // Fargate's vCPU -> memory pairs (MiB).
  const fargate: Record<string, [number, number]> = { '0.25': [512, 2048], '0.5': [1024, 4096], '1': [2048, 8192], '2': [4096, 16384], '4': [8192, 30720], '8': [16384, 61440], '16': [32768, 122880] };
  for (const [app, job] of Object.entries(sizing.jobs)) {
    const range = fargate[String(job.vcpu)];
    expect([app, range !== undefined && job.memory_mib >= range[0] && job.memory_mib <= range[1]]).toEqual([app, true]);
  }
  expect(Object.keys(sizing.snowflake).sort()).toEqual(['backfill_warehouse_size', 'hourly_warehouse_size', 'monthly_credit_quota']);
});
