import { readTerraformModule, terraformDirs, type Hcl } from './testing/terraform-module';

interface Found {
  readonly where: string;
  readonly statement: Hcl;
  /** A KMS key's own policy, where "*" means that key. */
  readonly keyPolicy: boolean;
}

/** Every statement of every aws_iam_policy_document in terraform/, with where it is. */
async function statements(): Promise<Found[]> {
  const found: Found[] = [];
  for (const dir of terraformDirs()) {
    const module = await readTerraformModule(dir);
    const keyPolicies = Object.values(module.resources('aws_kms_key')).map((key) => /data\.aws_iam_policy_document\.(\w+)\.json/.exec(String(key['policy'] ?? ''))?.[1]);
    for (const [name, document] of Object.entries(module.data('aws_iam_policy_document'))) {
      const keyPolicy = keyPolicies.includes(name);
      for (const statement of (document['statement'] as Hcl[] | undefined) ?? []) found.push({ where: `${dir} ${name}`, statement, keyPolicy });
      const dynamic = (document['dynamic'] as Record<string, Hcl[]> | undefined)?.['statement'] ?? [];
      for (const d of dynamic) for (const content of d['content'] as Hcl[]) found.push({ where: `${dir} ${name} (dynamic)`, statement: content, keyPolicy });
    }
  }
  return found;
}

/**
 * A key policy statement may say "*" (the key) only to the account itself,
 * the default policy that leaves the decision to IAM policies, or to a
 * service acting for this account alone.
 */
function keyPolicyStatementIsBounded(statement: Hcl): boolean {
  const principals = (statement['principals'] as Hcl[] | undefined) ?? [];
  const conditions = (statement['condition'] as Hcl[] | undefined) ?? [];
  return principals.length > 0 && principals.every((p) => {
    const ids = p['identifiers'] as string[];
    if (p['type'] === 'AWS') return ids.every((id) => id === 'arn:aws:iam::${var.account_id}:root');
    return p['type'] === 'Service' && conditions.some((c) => c['variable'] === 'aws:SourceAccount' && JSON.stringify(c['values']) === '["${var.account_id}"]');
  });
}

it('no IAM policy grants * on *', async () => {
  const all = await statements();
  expect(all.length).toBeGreaterThan(10);
  const wide = all.filter(({ statement, keyPolicy }) => {
    if (statement['effect'] === 'Deny') return false;
    if (keyPolicy) return !keyPolicyStatementIsBounded(statement);
    const actions = ([] as string[]).concat((statement['actions'] as string[] | string | undefined) ?? []);
    const resources = ([] as string[]).concat((statement['resources'] as string[] | string | undefined) ?? []);
    const anyAction = actions.some((a) => a === '*' || a.endsWith(':*'));
    return anyAction || (resources.includes('*') && actions.some((a) => a.includes('*')));
  });
  expect(wide.map((w) => w.where)).toEqual([]);
});

it('outside key policies, the only statement on every resource is the Batch listing, which has no resource-level permission', async () => {
  const everywhere = (await statements()).filter(({ statement, keyPolicy }) => !keyPolicy && JSON.stringify(statement['resources']) === '["*"]');
  expect(everywhere.map(({ statement }) => statement['actions'])).toEqual([['batch:ListJobs', 'batch:DescribeJobs']]);
});

it('policies are documents Terraform checks, not JSON strings written by hand', async () => {
  for (const dir of terraformDirs()) {
    const text = (await readTerraformModule(dir)).text();
    expect([dir, /policy\s*=\s*jsonencode/.test(text)]).toEqual([dir, false]);
  }
});

it('key policies say "*" only to this account or to services acting for it', async () => {
  const keyStatements = (await statements()).filter((s) => s.keyPolicy);
  expect(keyStatements.length).toBeGreaterThan(0);
  expect(keyStatements.filter((s) => !keyPolicyStatementIsBounded(s.statement)).map((s) => s.where)).toEqual([]);
});
