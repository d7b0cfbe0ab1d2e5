import type { SqlTemplate } from '@northstar/sql';
import type { ModelBatch } from './render-model';

/** The names every statement already binds: a declared parameter may not shadow one. */
const batchNames: readonly (keyof ModelBatch)[] = ['processed_through', 'batch_end', 'now', 'run_id'];

const declaration = /^([a-z][a-z0-9_]*)\s*=\s*(-?\d+(?:\.\d+)?)$/;

/**
 * A model's tunable numbers, declared in its header
 * (`-- params: settlement_days = 2, match_tolerance = 0.01`) and bound as
 * `:settlement_days`: a business rule that changes is a header edit, seen in
 * review and in the goldens, never a literal buried in the SQL. Each must be
 * used by the body, so a stale declaration cannot mislead a reader.
 */
export function declaredParams(template: SqlTemplate): Readonly<Record<string, number>> {
  const text = template.header['params']?.trim();
  if (!text) return {};
  const params: Record<string, number> = {};
  const withoutLineComments = template.body.replace(/--[^\n]*/g, '');
  for (const item of text.split(',').map((p) => p.trim())) {
    const match = declaration.exec(item);
    if (!match) throw new Error(`${template.file}: "params" takes name = number, comma-separated; got "${item}"`);
    const [, name, value] = match;
    if ((batchNames as readonly string[]).includes(name)) throw new Error(`${template.file}: parameter ${name} shadows the batch's own :${name}`);
    if (name in params) throw new Error(`${template.file}: parameter ${name} is declared twice`);
    if (!new RegExp(`:${name}\\b`).test(withoutLineComments)) throw new Error(`${template.file}: parameter ${name} is declared but :${name} is not used`);
    params[name] = Number(value);
  }
  return params;
}
