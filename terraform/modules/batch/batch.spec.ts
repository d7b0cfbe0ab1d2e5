import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { block, readTerraformModule, repoRoot, repositoryApps, terraformRoot, workspaceValue, type Hcl, type TerraformModule } from '../../testing/terraform-module';

interface AppSpec {
  readonly write_prefixes: string[];
  readonly read_prefixes: string[];
  readonly secrets: string[];
  readonly settings: string[];
}

let batch: TerraformModule;
let apps: Record<string, AppSpec>;

beforeAll(async () => {
  batch = await readTerraformModule('modules/batch');
  apps = batch.locals()['apps'] as Record<string, AppSpec>;
});

describe('job definitions and apps', () => {
  it('every app of the repository has a job definition', () => {
    expect(repositoryApps().filter((app) => !(app in apps))).toEqual([]);
  });

  it('every job definition runs the orchestrator or an app its job graph submits (AppName in job-graph.ts)', () => {
    const graphSource = readFileSync(path.join(repoRoot, 'apps/orchestrator/src/job-graph.ts'), 'utf8');
    const union = /export type AppName =([^;]+);/.exec(graphSource);
    if (!union) throw new Error('apps/orchestrator/src/job-graph.ts declares no AppName');
    const graphApps = [...union[1].matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
    // The orchestrator is in AppName too: the nightly's repair step is its job.
    expect(Object.keys(apps).sort()).toEqual([...new Set(['orchestrator', ...graphApps])].sort());
  });

  it('every app, and the retention job, is sized in terraform/sizing.json, and nothing else is; every definition names its entry', () => {
    const sizing = JSON.parse(readFileSync(path.join(terraformRoot, 'sizing.json'), 'utf8')) as { jobs: Record<string, unknown> };
    expect(Object.keys(sizing.jobs).sort()).toEqual([...Object.keys(apps), 'retention'].sort());
    expect(batch.locals()['definitions']).toMatch(/sizing\s*=\s*app\b/);
    const extra = { ...(batch.locals()['orchestrator_definitions'] as object), ...(batch.locals()['retention_definitions'] as object) } as Record<string, { app: string; sizing: string }>;
    expect(Object.fromEntries(Object.entries(extra).map(([name, d]) => [name, d.sizing]))).toEqual({ launcher: 'orchestrator', orchestrator: 'orchestrator', retention: 'retention' });
  });

  it('the launcher and the backfill entry run the orchestrator, the monthly retention job the load app; the rest are one per app', () => {
    const extra = batch.locals()['orchestrator_definitions'] as Record<string, { app: string }>;
    expect(Object.fromEntries(Object.entries(extra).map(([name, d]) => [name, d.app]))).toEqual({ launcher: 'orchestrator', orchestrator: 'orchestrator' });
    const retention = batch.locals()['retention_definitions'] as Record<string, { app: string; command: string[] }>;
    expect(retention).toEqual({
      retention: { app: 'load', sizing: 'retention', command: ['--retention', '--at', 'Ref::at'], parameters: {}, environment: { SNOWFLAKE_WAREHOUSE: '${var.backfill_warehouse_name}' } },
    });
    expect(batch.locals()['definitions']).toMatch(/for app in keys\(local\.apps\)/);
    expect(batch.locals()['job_definitions']).toBe('${merge(local.definitions, local.orchestrator_definitions, local.retention_definitions)}');
  });

  it("every Ref:: parameter follows its own flag, and the flag is one the app takes", () => {
    // An app missing from apps/ fails the test above; its flags cannot be read.
    for (const { app, command } of commands().filter((c) => repositoryApps().includes(c.app))) {
      const refs = command.flatMap((word, i) => (word.startsWith('Ref::') ? [{ name: word.slice(5), flag: command[i - 1] }] : []));
      expect(refs.length).toBeGreaterThan(0);
      for (const { name, flag } of refs) {
        expect(flag).toBe(`--${name.replace(/_/g, '-')}`);
        expect(flagsOf(app)).toContain(flag);
      }
      for (const word of command.filter((w) => w.startsWith('--'))) expect(flagsOf(app)).toContain(word);
    }
  });

  it('Fargate job definitions: an execution role, resourceRequirements and timeout from their sizing entry; every hourly job inside the 45 minutes', () => {
    const definition = batch.resources('aws_batch_job_definition')['app'];
    expect(definition['platform_capabilities']).toEqual(['FARGATE']);
    const properties = definition['container_properties'] as string;
    expect(properties).toMatch(/executionRoleArn\s*=\s*aws_iam_role\.execution\[each\.value\.app\]\.arn/);
    expect(properties).toMatch(/type = "VCPU", value = tostring\(var\.jobs\[each\.value\.sizing\]\.vcpu\)/);
    expect(properties).toMatch(/type = "MEMORY", value = tostring\(var\.jobs\[each\.value\.sizing\]\.memory_mib\)/);
    // V8's heap stated from the same memory figure, so a bench that passes it measures the job's heap.
    expect(properties).toMatch(/NODE_OPTIONS = "--max-old-space-size=\$\{floor\(var\.jobs\[each\.value\.sizing\]\.memory_mib \/ 4\)\}"/);
    expect(block(definition, 'timeout')['attempt_duration_seconds']).toBe('${var.jobs[each.value.sizing].timeout_seconds}');
    const sizing = JSON.parse(readFileSync(path.join(terraformRoot, 'sizing.json'), 'utf8')) as { jobs: Record<string, { timeout_seconds: number }> };
    for (const [app, job] of Object.entries(sizing.jobs).filter(([name]) => name !== 'retention')) {
      expect([app, job.timeout_seconds > 0 && job.timeout_seconds <= 45 * 60]).toEqual([app, true]);
    }
  });

  it("the monthly retention job has its own timeout, beyond the load's (a month of deletes is not an hour's share), and the backfill warehouse", () => {
    const sizing = JSON.parse(readFileSync(path.join(terraformRoot, 'sizing.json'), 'utf8')) as { jobs: Record<string, { timeout_seconds: number }> };
    const estimate = workspaceValue<number>("const { caseInputs } = require('./apps/orchestrator/src/capacity/capacity-inputs'); const { planCapacity } = require('./apps/orchestrator/src/capacity/capacity-model'); console.log(JSON.stringify(planCapacity(caseInputs('base')).retention.seconds))");
    expect(sizing.jobs['retention'].timeout_seconds).toBeGreaterThanOrEqual(2 * estimate);
    expect(sizing.jobs['retention'].timeout_seconds).toBeGreaterThan(sizing.jobs['load'].timeout_seconds);
    // The definition's own variables come last, so its SNOWFLAKE_WAREHOUSE replaces the shared (hourly) one.
    const properties = (batch.resources('aws_batch_job_definition')['app']['container_properties'] as string).replace(/\s+/g, ' ');
    expect(properties).toContain('each.value.app == "orchestrator" ? local.launcher_variables : {}, each.value.environment, ) : { name = name, value = value }');
    expect(readFileSync(path.join(terraformRoot, 'modules/pipeline/main.tf'), 'utf8')).toMatch(/backfill_warehouse_name\s*=\s*module\.snowflake\.warehouse_names\["backfill"\]/);
  });

  it("the hourly compute environment holds an hour's jobs at once: every job's vCPU x shards within hourly_max_vcpus", () => {
    const sizing = JSON.parse(readFileSync(path.join(terraformRoot, 'sizing.json'), 'utf8')) as { jobs: Record<string, { vcpu: number; shards: number }> };
    // One load job per registered source, the rest one each.
    const sources = workspaceValue<number>("console.log(JSON.stringify(require('@northstar/contracts').sourceRegistry.length))");
    const hourly = Object.entries(sizing.jobs).filter(([name]) => name !== 'retention').reduce((sum, [name, job]) => sum + job.vcpu * job.shards * (name === 'load' ? sources : 1), 0);
    const maxVcpus = /variable "hourly_max_vcpus"[^}]*default\s*=\s*(\d+)/.exec(batch.text())?.[1];
    expect(hourly).toBeLessThanOrEqual(Number(maxVcpus));
  });
});

describe('extract shards', () => {
  it("the launcher and backfill entry get NORTHSTAR_EXTRACT_SHARDS from sizing.json's shards of each extractor (the orchestrator's --extract-shards); no other job does", () => {
    expect(batch.locals()['extract_shards']).toBe('${join(",", [for app, job in var.jobs : "${app}=${job.shards}" if startswith(app, "extract-") && job.shards > 1])}');
    expect(batch.locals()['launcher_variables']).toEqual({ NORTHSTAR_EXTRACT_SHARDS: '${local.extract_shards}', NORTHSTAR_BACKFILL_WAREHOUSE: '${var.backfill_warehouse_name}' });
    expect(flagsOf('orchestrator')).toContain('--backfill-warehouse');
    const properties = batch.resources('aws_batch_job_definition')['app']['container_properties'] as string;
    expect(properties.replace(/\s+/g, ' ')).toContain('each.value.app == "orchestrator" ? local.launcher_variables : {}, each.value.environment, ) : { name = name, value = value }');
    expect(batch.text()).toMatch(/variable "jobs"[^]*?shards\s+=\s+number/);
    expect(flagsOf('orchestrator')).toContain('--extract-shards');
    const sizing = JSON.parse(readFileSync(path.join(terraformRoot, 'sizing.json'), 'utf8')) as { jobs: Record<string, { shards: number }> };
    for (const [app, job] of Object.entries(sizing.jobs)) expect([app, Number.isInteger(job.shards) && job.shards >= 1 && job.shards <= 10_000]).toEqual([app, true]);
  });

  it('every registered source whose extractor is sized for more than one shard takes --shard-count (else each array child would exit 2): support it, or size it as one task', () => {
    const sizing = JSON.parse(readFileSync(path.join(terraformRoot, 'sizing.json'), 'utf8')) as { jobs: Record<string, { shards: number }> };
    // The launcher shards the extract jobs of its graph, which holds the registered sources only.
    const registered = workspaceValue<string[]>("console.log(JSON.stringify(require('@northstar/contracts').sourceRegistry.map((source) => source.app)))");
    const sharded = Object.entries(sizing.jobs).filter(([app, job]) => registered.includes(app) && job.shards > 1);
    expect(sharded.length).toBeGreaterThan(0);
    expect(sharded.filter(([app]) => !flagsOf(app).includes('--shard-count')).map(([app]) => app)).toEqual([]);
  });
});

describe('retry strategy', () => {
  const rules = () => batch.locals()['retry_rules'] as Array<Record<string, string | null>>;

  it('retries exit 75, tasks that failed to start and lost hosts; at most 5 rules, the last exits on everything', () => {
    const retried = rules().filter((r) => r['action'] === 'RETRY');
    expect(retried.map((r) => r['on_exit_code'] ?? r['on_status_reason'])).toEqual(['75', 'Task failed to start*', 'Host EC2*', 'Your Spot Task was interrupted*']);
    expect(rules().length).toBeLessThanOrEqual(5);
    expect(rules().at(-1)).toEqual({ on_exit_code: null, on_status_reason: null, on_reason: '*', action: 'EXIT' });
  });

  it('every job definition uses these rules, with at most 10 attempts', () => {
    for (const definition of Object.values(batch.resources('aws_batch_job_definition'))) {
      const strategy = block(definition, 'retry_strategy');
      expect(strategy['attempts']).toBeLessThanOrEqual(10);
      const dynamic = (strategy['dynamic'] as Record<string, Hcl[]>)['evaluate_on_exit'][0];
      expect(dynamic['for_each']).toBe('${local.retry_rules}');
    }
  });
});

describe('compute environments and queues', () => {
  it('hourly work on Fargate, backfills on Fargate Spot', () => {
    const environments = block(batch.resources('aws_batch_compute_environment')['this'], 'compute_resources');
    expect(environments['type']).toBe('${each.value.type}');
    const forEach = batch.resources('aws_batch_compute_environment')['this']['for_each'] as Record<string, { type: string }>;
    expect([forEach['hourly'].type, forEach['backfill'].type]).toEqual(['FARGATE', 'FARGATE_SPOT']);
    expect(batch.resources('aws_batch_compute_environment')['this']['name']).toBeDefined();
  });

  it('the hourly queue outranks the backfill queue; jobs stuck RUNNABLE are cancelled within 600-86,400 s', () => {
    const queues = batch.locals()['queues'] as Record<string, { priority: number; runnable_limit_seconds: number; environment: string }>;
    expect(queues['hourly'].priority).toBeGreaterThan(queues['backfill'].priority);
    expect([queues['hourly'].environment, queues['backfill'].environment]).toEqual(['hourly', 'backfill']);
    for (const queue of Object.values(queues)) {
      expect(queue.runnable_limit_seconds).toBeGreaterThanOrEqual(600);
      expect(queue.runnable_limit_seconds).toBeLessThanOrEqual(86_400);
    }
    const queue = batch.resources('aws_batch_job_queue')['this'];
    expect(queue['compute_environment_order']).toHaveLength(1);
    const action = ((queue['dynamic'] as Record<string, Hcl[]>)['job_state_time_limit_action'][0]['content'] as Hcl[])[0];
    expect([action['action'], action['state']]).toEqual(['CANCEL', 'RUNNABLE']);
  });
});

describe('secrets', () => {
  const needs: Record<string, string[]> = {
    'orders-db': ['extract-orders-db'],
    stripe: ['extract-stripe'],
    zendesk: ['extract-zendesk'],
    // Extractors read their watermark or checkpoint from the warehouse at start; the launcher records its launch.
    'snowflake-key': ['extract-orders-db', 'extract-partner-files', 'extract-stripe', 'extract-zendesk', 'load', 'orchestrator', 'quality'],
    'mask-key': ['extract-orders-db', 'extract-partner-files', 'extract-stripe', 'extract-zendesk'],
  };

  it('every secret is read by exactly the apps that need it', () => {
    const readers: Record<string, string[]> = {};
    for (const [app, spec] of Object.entries(apps)) for (const secret of spec.secrets) (readers[secret] ??= []).push(app);
    for (const list of Object.values(readers)) list.sort();
    expect(readers).toEqual(needs);
    const declared = batch.resources('aws_secretsmanager_secret')['this']['for_each'] as string;
    for (const secret of Object.keys(needs)) expect(declared).toContain(`"${secret}"`);
  });

  it("an app's execution role reads its own secrets and no others", () => {
    const policy = block(batch.data('aws_iam_policy_document')['execution_secrets'], 'statement');
    expect(policy['resources']).toBe('${[for secret in each.value.secrets : aws_secretsmanager_secret.this[secret].arn]}');
    expect(policy['actions']).toEqual(['secretsmanager:GetSecretValue']);
  });
});

describe('raw zone access', () => {
  it('an extractor writes its own prefix only (partner quarantine copies included); the loader reads; quality keeps its open incidents', () => {
    const writers = Object.entries(apps).filter(([, spec]) => spec.write_prefixes.length > 0);
    const own: Record<string, string> = { orchestrator: '_launches/', quality: '_ops/alerts/' };
    for (const [app, spec] of writers) expect([app, spec.write_prefixes]).toEqual([app, [own[app] ?? `${app.replace(/^extract-/, '').replace(/-/g, '_')}/`]]);
    expect(apps['load']).toMatchObject({ write_prefixes: [], read_prefixes: [''], secrets: ['snowflake-key'] });
    expect(apps['quality'].read_prefixes).toEqual(['_ops/alerts/']);
    // apps/extract-partner-files: QUARANTINE_PREFIX lies inside its write prefix.
    const quarantine = /QUARANTINE_PREFIX = '([^']+)'/.exec(readFileSync(path.join(repoRoot, 'apps/extract-partner-files/src/partner-file-quarantine.ts'), 'utf8'))?.[1];
    expect(quarantine?.startsWith(apps['extract-partner-files'].write_prefixes[0])).toBe(true);
  });

  it("the partner-files extractor lists and reads the partners' drops under partners/ (GetObject, ListBucket with that prefix) and writes nothing there", () => {
    expect(apps['extract-partner-files'].read_prefixes).toEqual(['partner_files/', 'partners/']);
    expect(apps['extract-partner-files'].write_prefixes.filter((p) => p.startsWith('partners'))).toEqual([]);
    const policy = batch.data('aws_iam_policy_document')['job_raw_zone'];
    const statements = policy['statement'] as Hcl[];
    const read = statements.find((st) => st['sid'] === 'ReadPrefixes');
    const list = statements.find((st) => st['sid'] === 'ListPrefixes');
    expect([read?.['actions'], read?.['resources']]).toEqual([['s3:GetObject'], '${[for prefix in each.value.read_prefixes : "${var.raw_bucket_arn}/${prefix}*"]}']);
    expect(list?.['actions']).toEqual(['s3:ListBucket']);
    expect(block(list!, 'condition')).toMatchObject({ test: 'StringLike', variable: 's3:prefix', values: '${[for prefix in each.value.read_prefixes : "${prefix}*"]}' });
  });

  it('only the apps whose config needs alerts publish to the alerts topic', () => {
    const publishing = batch.resources('aws_iam_role_policy')['alerts'];
    expect(publishing['for_each']).toBe('${{ for app, spec in local.apps : app => spec if contains(spec.settings, "NORTHSTAR_ALERTS_TOPIC_ARN") }}');
    expect(Object.entries(apps).filter(([, spec]) => spec.settings.includes('NORTHSTAR_ALERTS_TOPIC_ARN')).map(([app]) => app)).toEqual(['quality']);
    const statements = batch.data('aws_iam_policy_document')['alerts']['statement'] as Hcl[];
    expect(statements.map((st) => [st['actions'], st['resources']])).toEqual([[['sns:Publish'], ['${var.alerts_topic_arn}']], [['kms:GenerateDataKey', 'kms:Decrypt'], ['${var.alerts_kms_key_arn}']]]);
    expect(readFileSync(path.join(terraformRoot, 'modules/pipeline/main.tf'), 'utf8')).toMatch(/alerts_kms_key_arn\s*=\s*module\.monitoring\.alerts_kms_key_arn/);
  });

  it('the launcher may submit every job definition but the retention job, which its own schedule submits', () => {
    const submit = (batch.data('aws_iam_policy_document')['launcher']['statement'] as Hcl[]).find((st) => st['sid'] === 'SubmitRunJobs');
    expect(JSON.stringify(submit?.['resources'])).toContain('if name != \\"retention\\"');
  });
});

/** Each job definition's command, with the app it runs. */
function commands(): Array<{ app: string; command: string[] }> {
  const locals = batch.locals();
  const shared = /command\s*=\s*(\[[^\]]*\])/.exec(locals['definitions'] as string);
  if (!shared) throw new Error('no command in local.definitions');
  const perApp = Object.keys(apps).map((app) => ({ app, command: JSON.parse(shared[1]) as string[] }));
  const extra = Object.values({ ...(locals['orchestrator_definitions'] as object), ...(locals['retention_definitions'] as object) } as Record<string, { app: string; command: string[] }>);
  return [...perApp, ...extra];
}

/** The flags an app declares: the shared ones (libs/core run-parameters.ts) and its own source's. */
function flagsOf(app: string): string[] {
  const sources = [path.join(repoRoot, 'libs/core/src/run-parameters.ts')];
  const appDir = path.join(repoRoot, 'apps', app, 'src');
  for (const name of readdirSync(appDir)) if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) sources.push(path.join(appDir, name));
  // An app that calls libs/extract's addShardOptions takes the shard flags it declares.
  if (sources.some((file) => readFileSync(file, 'utf8').includes('addShardOptions'))) sources.push(path.join(repoRoot, 'libs/extract/src/shard-flags.ts'));
  const text = sources.map((file) => readFileSync(file, 'utf8')).join('\n');
  // A flag with a value ('--at <iso>') or a switch ('--retention').
  return [...text.matchAll(/['"`](--[a-z][a-z-]*) <|\.option\(\s*['"`](--[a-z][a-z-]*)['"`]/g)].map((m) => m[1] ?? m[2]);
}
