import { ConfigError, TransientError } from '@northstar/core';
import { classifyS3Error } from './classify-s3-error';

function sdkError(name: string, status: number | undefined, fault: 'client' | 'server'): Error {
  return Object.assign(new Error(name), { name, $fault: fault, $metadata: { httpStatusCode: status } });
}

describe('classifyS3Error', () => {
  it('makes server faults, throttling and socket errors transient', () => {
    expect(classifyS3Error(sdkError('InternalError', 500, 'server'), 'put')).toBeInstanceOf(TransientError);
    expect(classifyS3Error(sdkError('SlowDown', 503, 'server'), 'put')).toBeInstanceOf(TransientError);
    expect(classifyS3Error(sdkError('RequestTimeout', 400, 'client'), 'put')).toBeInstanceOf(TransientError);
    expect(classifyS3Error(Object.assign(new Error('connect'), { code: 'ECONNRESET' }), 'get')).toBeInstanceOf(TransientError);
    expect(classifyS3Error(new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:9'), 'get')).toBeInstanceOf(TransientError);
  });

  it('makes permission and bucket mistakes configuration errors', () => {
    expect(classifyS3Error(sdkError('AccessDenied', 403, 'client'), 'list')).toBeInstanceOf(ConfigError);
    expect(classifyS3Error(sdkError('NoSuchBucket', 404, 'client'), 'list')).toBeInstanceOf(ConfigError);
  });

  it('makes a wrong region, a bad bucket name or a skewed clock configuration errors, and expired credentials transient', () => {
    expect(classifyS3Error(sdkError('PermanentRedirect', 301, 'client'), 'get')).toBeInstanceOf(ConfigError);
    expect(classifyS3Error(sdkError('AuthorizationHeaderMalformed', 400, 'client'), 'get')).toBeInstanceOf(ConfigError);
    expect(classifyS3Error(sdkError('InvalidBucketName', 400, 'client'), 'put')).toBeInstanceOf(ConfigError);
    expect(classifyS3Error(sdkError('RequestTimeTooSkewed', 403, 'client'), 'put')).toBeInstanceOf(ConfigError);
    expect(classifyS3Error(Object.assign(new Error('getaddrinfo ENOTFOUND s3.eu-west-9.amazonaws.com'), { code: 'ENOTFOUND' }), 'get')).toBeInstanceOf(ConfigError);
    expect(classifyS3Error(new Error('AWS SDK error wrapper for Error: getaddrinfo ENOTFOUND s3.bad-host'), 'get')).toBeInstanceOf(ConfigError);
    expect(classifyS3Error(Object.assign(new Error('getaddrinfo EAI_AGAIN s3.amazonaws.com'), { code: 'EAI_AGAIN' }), 'get')).toBeInstanceOf(TransientError);
    // A retried Batch job gets fresh credentials from its role.
    expect(classifyS3Error(sdkError('ExpiredToken', 400, 'client'), 'put')).toBeInstanceOf(TransientError);
  });

  it('passes anything else through unchanged, keeping the action in transient messages', () => {
    const other = sdkError('InvalidArgument', 400, 'client');
    expect(classifyS3Error(other, 'put')).toBe(other);
    expect((classifyS3Error(sdkError('SlowDown', 503, 'server'), 'put of s3://b/k') as Error).message).toBe('S3 put of s3://b/k failed: SlowDown');
  });
});
