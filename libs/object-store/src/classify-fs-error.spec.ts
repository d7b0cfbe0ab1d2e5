import { ConfigError, TransientError } from '@northstar/core';
import { classifyFsError } from './classify-fs-error';

const errno = (code: string) => Object.assign(new Error(`${code}: something`), { code });

describe('classifyFsError', () => {
  it.each(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENOTDIR'])('makes %s a configuration error: the directory is wrong for the job', (code) => {
    const classified = classifyFsError(errno(code), 'write of /raw/x');
    expect(classified).toBeInstanceOf(ConfigError);
    expect((classified as Error).message).toBe(`local raw zone: write of /raw/x failed: ${code}: something`);
  });

  it.each(['EMFILE', 'EBUSY'])('makes %s transient: another attempt may get through', (code) => {
    expect(classifyFsError(errno(code), 'read of /raw/x')).toBeInstanceOf(TransientError);
  });

  it('leaves anything else as it is', () => {
    const other = errno('EINVAL');
    expect(classifyFsError(other, 'read of /raw/x')).toBe(other);
  });
});
