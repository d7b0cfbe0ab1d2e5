import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { terraformRoot } from './testing/terraform-module';

// `terraform validate` needs the providers, which cannot be downloaded here
// (docs/operations.md); formatting needs only the binary.
const binary = ['/usr/local/bin/terraform', '/usr/bin/terraform'].find((candidate) => existsSync(candidate));

if (binary) {
  it('terraform fmt -check -recursive finds nothing to reformat', () => {
    const result = spawnSync(binary, ['fmt', '-check', '-recursive', '-no-color', '.'], { cwd: terraformRoot, encoding: 'utf8' });
    expect({ status: result.status, files: result.stdout.trim() }).toEqual({ status: 0, files: '' });
  });
} else {
  console.warn(`terraform fmt: did not run, no terraform binary on this machine (looked in /usr/local/bin and /usr/bin); ${path.relative(process.cwd(), terraformRoot)} is unchecked`);
  it.skip('terraform fmt -check -recursive (did not run: no terraform binary)', () => undefined);
}
