import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { block, readTerraformModule, repoRoot, terraformDirs, terraformRoot, type TerraformModule } from '../../testing/terraform-module';

let snowflake: TerraformModule;

beforeAll(async () => {
  snowflake = await readTerraformModule('modules/snowflake');
});

it('uses the official provider and its account roles', () => {
  const versions = snowflake.text();
  expect(versions).toMatch(/source\s*=\s*"snowflakedb\/snowflake"/);
  expect(Object.keys(snowflake.resources('snowflake_role'))).toEqual([]);
  expect(snowflake.locals()['roles']).toEqual(['LOADER', 'TRANSFORMER', 'BI_READER', 'PII_READER']);
  expect(snowflake.resources('snowflake_account_role')['this']['for_each']).toBe('${toset(local.roles)}');
});

it('a database per environment with the five schemas and the backfills\' holding schema; raw, holding and staging transient', () => {
  expect(snowflake.locals()['schemas']).toEqual(['RAW', 'RAW_BACKFILL', 'STAGING', 'CURATED', 'ANALYTICS', 'OPS']);
  expect(snowflake.locals()['transient_schemas']).toEqual(['RAW', 'RAW_BACKFILL', 'STAGING']);
  expect(snowflake.resources('snowflake_database')['this']['name']).toBe('${var.database_name}');
});

it('hourly and backfill warehouses suspend themselves and sit under the resource monitor sized by sizing.json', () => {
  const warehouse = snowflake.resources('snowflake_warehouse')['this'];
  expect(warehouse['auto_suspend']).toBeLessThanOrEqual(300);
  expect(warehouse['resource_monitor']).toBe('${snowflake_resource_monitor.pipeline.name}');
  expect(Object.keys(snowflake.locals()['warehouses'] as object).sort()).toEqual(['backfill', 'hourly']);
  expect(snowflake.resources('snowflake_resource_monitor')['pipeline']['credit_quota']).toBe('${var.monthly_credit_quota}');
  const sizing = JSON.parse(readFileSync(path.join(terraformRoot, 'sizing.json'), 'utf8')) as { snowflake: { monthly_credit_quota: number } };
  expect(sizing.snowflake.monthly_credit_quota).toBeGreaterThan(0);
});

it('the pipeline logs in as a service user with a key; the raw stage reads S3 through the storage integration', () => {
  expect(snowflake.resources('snowflake_service_user')['pipeline']['rsa_public_key']).toBe('${var.pipeline_rsa_public_key}');
  const stage = snowflake.resources('snowflake_stage')['raw_zone'];
  expect(stage['storage_integration']).toBe('${snowflake_storage_integration.raw_zone.name}');
  expect(stage['name']).toBe('raw_zone');
});

it('BI reads analytics only; only the loader uses the stage', () => {
  const grants = { ...(snowflake.locals()['schema_grants'] as object), ...(snowflake.locals()['future_grants'] as object) } as Record<string, { role: string; schema: string }>;
  expect(Object.values(grants).filter((g) => g.role === 'BI_READER').map((g) => g.schema)).toEqual(['ANALYTICS', 'ANALYTICS']);
  expect(snowflake.resources('snowflake_grant_privileges_to_account_role')['stage_usage']['account_role_name']).toBe('${snowflake_account_role.this["LOADER"].name}');
  expect(block(snowflake.resources('snowflake_grant_privileges_to_account_role')['stage_usage'], 'on_schema_object')['object_type']).toBe('STAGE');
});

it("declares no PII tag or masking policy: the loader owns them (libs/warehouse sql/pii, created with the tables it tags), so Terraform never undoes what a load set", async () => {
  for (const dir of terraformDirs()) {
    const module = await readTerraformModule(dir);
    const owned = ['snowflake_tag', 'snowflake_masking_policy', 'snowflake_tag_association', 'snowflake_tag_masking_policy_association'].filter((type) => Object.keys(module.resources(type)).length > 0);
    expect([dir, owned]).toEqual([dir, []]);
  }
  expect(readFileSync(path.join(repoRoot, 'libs/warehouse/sql/pii/create_pii_mask_string.sql'), 'utf8')).toMatch(/create masking policy/i);
});
