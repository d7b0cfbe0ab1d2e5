import { readTerraformModule, terraformDirs, type Hcl } from './testing/terraform-module';

/** Every statement of every aws_iam_policy_document in terraform/, with where it is. */
async function statements(): Promise<Array<{ where: string; statement: Hcl }>> {
  const found: Array<{ where: string; statement: Hcl }> = [];
  for (const dir of terraformDirs()) {
    const module = await readTerraformModule(dir);
    for (const [name, document] of Object.entries(module.data('aws_iam_policy_document'))) {
      for (const statement of (document['statement'] as Hcl[] | undefined) ?? []) found.push({ where: `${dir} ${name}`, statement });
      const dynamic = (document['dynamic'] as Record<string, Hcl[]> | undefined)?.['statement'] ?? [];
      for (const d of dynamic) for (const content of d['content'] as Hcl[]) found.push({ where: `${dir} ${name} (dynamic)`, statement: content });
    }
  }
  return found;
}

it('no IAM policy grants * on *', async () => {
  const all = await statements();
  expect(all.length).toBeGreaterThan(10);
  const wide = all.filter(({ statement }) => {
    if (statement['effect'] === 'Deny') return false;
    const actions = ([] as string[]).concat((statement['actions'] as string[] | string | undefined) ?? []);
    const resources = ([] as string[]).concat((statement['resources'] as string[] | string | undefined) ?? []);
    const anyAction = actions.some((a) => a === '*' || a.endsWith(':*'));
    return anyAction || (resources.includes('*') && actions.some((a) => a.includes('*')));
  });
  expect(wide.map((w) => w.where)).toEqual([]);
});

it('the only statement on every resource is the Batch listing, which has no resource-level permission', async () => {
  const everywhere = (await statements()).filter(({ statement }) => JSON.stringify(statement['resources']) === '["*"]');
  expect(everywhere.map(({ statement }) => statement['actions'])).toEqual([['batch:ListJobs', 'batch:DescribeJobs']]);
});

it('policies are documents Terraform checks, not JSON strings written by hand', async () => {
  for (const dir of terraformDirs()) {
    const text = (await readTerraformModule(dir)).text();
    expect([dir, /policy\s*=\s*jsonencode/.test(text)]).toEqual([dir, false]);
  }
});
