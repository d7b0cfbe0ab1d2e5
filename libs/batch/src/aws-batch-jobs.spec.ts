import { ConfigError, TransientError } from '@northstar/core';
import { BatchClient, ListJobsCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsBatchJobs } from './aws-batch-jobs';
import { SimulatedBatch } from './testing';

describe('AwsBatchJobs', () => {
  it('sends one SubmitJob with dependencies, array size, command, variables, timeout and tags as Batch spells them', async () => {
    const batch = new SimulatedBatch();
    const id = await batch.jobs.submit({
      name: 'hourly-2026120509--extract-orders-db',
      queue: 'hourly',
      definition: 'northstar-extract-orders-db',
      parameters: { mode: 'hourly', run_id: 'hourly-2026120509' },
      command: ['--mode', 'hourly'],
      environment: { SNOWFLAKE_WAREHOUSE: 'NORTHSTAR_DEV_BACKFILL', NORTHSTAR_PIPELINE_STEP: 'extract-orders-db' },
      dependsOn: [{ jobId: 'job-a' }, { jobId: 'job-b', type: 'N_TO_N' }],
      arraySize: 4,
      tags: { 'northstar:run-id': 'hourly-2026120509' },
      timeoutSeconds: 3600,
    });
    expect(id).toBe('job-0001');
    expect(batch.requests()).toEqual([{
      jobName: 'hourly-2026120509--extract-orders-db',
      jobQueue: 'hourly',
      jobDefinition: 'northstar-extract-orders-db',
      parameters: { mode: 'hourly', run_id: 'hourly-2026120509' },
      containerOverrides: {
        command: ['--mode', 'hourly'],
        environment: [{ name: 'SNOWFLAKE_WAREHOUSE', value: 'NORTHSTAR_DEV_BACKFILL' }, { name: 'NORTHSTAR_PIPELINE_STEP', value: 'extract-orders-db' }],
      },
      dependsOn: [{ jobId: 'job-a' }, { jobId: 'job-b', type: 'N_TO_N' }],
      arrayProperties: { size: 4 },
      timeout: { attemptDurationSeconds: 3600 },
      tags: { 'northstar:run-id': 'hourly-2026120509' },
      propagateTags: true,
    }]);
  });

  it('lists every page of jobs whose name starts with the prefix, in any status', async () => {
    const batch = new SimulatedBatch(2);
    for (const name of ['run-1--a', 'run-1--b', 'run-2--a', 'run-1--c', 'RUN-1--d']) {
      await batch.jobs.submit({ name, queue: 'hourly', definition: 'd', parameters: {}, dependsOn: [], tags: {} });
    }
    batch.byName('run-1--b').status = 'FAILED';
    const listed = await batch.jobs.listByNamePrefix('hourly', 'run-1--');
    expect(listed.map((j) => `${j.name}:${j.status}`).sort()).toEqual(['RUN-1--d:SUBMITTED', 'run-1--a:SUBMITTED', 'run-1--b:FAILED', 'run-1--c:SUBMITTED']);
    expect(batch.listCalls()).toBe(2);
    expect(await batch.jobs.listByNamePrefix('backfill', 'run-1--')).toEqual([]);
  });

  it('a refused request exits 2, throttling and server errors 75', async () => {
    const client = new BatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const mock = mockClient(client);
    const jobs = new AwsBatchJobs({ client });
    const failure = (name: string, status: number, fault: 'client' | 'server') => Object.assign(new Error(name), { name, $fault: fault, $metadata: { httpStatusCode: status } });
    mock.on(SubmitJobCommand).rejects(failure('ClientException', 400, 'client'));
    await expect(jobs.submit({ name: 'x', queue: 'q', definition: 'missing', parameters: {}, dependsOn: [], tags: {} })).rejects.toBeInstanceOf(ConfigError);
    mock.on(ListJobsCommand).rejects(failure('TooManyRequestsException', 429, 'client'));
    await expect(jobs.listByNamePrefix('q', 'x')).rejects.toBeInstanceOf(TransientError);
    mock.on(ListJobsCommand).rejects(failure('ServerException', 500, 'server'));
    await expect(jobs.listByNamePrefix('q', 'x')).rejects.toThrow(/AWS Batch ListJobs x\* failed/);
  });
});
