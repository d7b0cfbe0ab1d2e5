import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from '@cdktf/hcl2json';

export const terraformRoot = path.resolve(__dirname, '..');
export const repoRoot = path.resolve(terraformRoot, '..');

/** hcl2json's shape: every block is a list, an expression is its "${...}" text. */
export type Hcl = Record<string, unknown>;

/** One module: every .tf file of a directory parsed and merged by block type. */
export interface TerraformModule {
  readonly dir: string;
  readonly files: Readonly<Record<string, Hcl>>;
  /** The blocks of resource type `type`, by name (each a list of bodies, as hcl2json gives them). */
  resources(type: string): Record<string, Hcl>;
  data(type: string): Record<string, Hcl>;
  /** Every `locals` entry of the module. */
  locals(): Record<string, unknown>;
  modules(): Record<string, Hcl>;
  /** The module's files as text, for expressions hcl2json leaves as strings. */
  text(): string;
}

export async function readTerraformModule(relativeDir: string): Promise<TerraformModule> {
  const dir = path.join(terraformRoot, relativeDir);
  const names = readdirSync(dir).filter((name) => name.endsWith('.tf')).sort();
  const files: Record<string, Hcl> = {};
  for (const name of names) files[name] = (await parse(name, readFileSync(path.join(dir, name), 'utf8'))) as Hcl;
  const blocks = (kind: string, type?: string): Record<string, Hcl> => {
    const merged: Record<string, Hcl> = {};
    for (const file of Object.values(files)) {
      const section = file[kind] as Record<string, unknown> | undefined;
      const named = (type ? section?.[type] : section) as Record<string, Hcl[]> | undefined;
      for (const [name, bodies] of Object.entries(named ?? {})) merged[name] = bodies[0];
    }
    return merged;
  };
  return {
    dir,
    files,
    resources: (type) => blocks('resource', type),
    data: (type) => blocks('data', type),
    modules: () => blocks('module'),
    locals: () => Object.assign({}, ...Object.values(files).flatMap((file) => (file['locals'] as object[] | undefined) ?? [])),
    text: () => names.map((name) => readFileSync(path.join(dir, name), 'utf8')).join('\n'),
  };
}

/** Every directory under terraform/ holding .tf files (modules and envs). */
export function terraformDirs(): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    const entries = readdirSync(path.join(terraformRoot, relative), { withFileTypes: true });
    if (entries.some((entry) => entry.isFile() && entry.name.endsWith('.tf'))) found.push(relative);
    for (const entry of entries) if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'testing') walk(path.join(relative, entry.name));
  };
  walk('.');
  return found.filter((dir) => dir !== '.').sort();
}

/** A nested block as hcl2json gives it: a list with one body. */
export function block(body: Hcl, name: string): Hcl {
  const value = body[name] as Hcl[] | undefined;
  if (!value?.[0]) throw new Error(`no ${name} block`);
  return value[0];
}

/** The apps of the repository: directories under apps/ with a main.ts. */
export function repositoryApps(): string[] {
  const apps = path.join(repoRoot, 'apps');
  return readdirSync(apps, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => readdirSync(path.join(apps, name, 'src')).includes('main.ts'))
    .sort();
}

/**
 * The JSON a script prints when run from the workspace's TypeScript (tsx,
 * its path aliases): how the infrastructure specs ask the code for a value
 * (the env names config.ts accepts, the registered sources) without the
 * terraform project depending on the libs.
 */
export function workspaceValue<T>(script: string, env: NodeJS.ProcessEnv = {}): T {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: repoRoot, encoding: 'utf8', env: { PATH: process.env['PATH'], ...env } });
  if (run.status !== 0) throw new Error(`the workspace script failed (exit ${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? 'null') as T;
}
