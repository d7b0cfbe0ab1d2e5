import { SerialQueue } from './serial-queue';

describe('SerialQueue', () => {
  it('runs tasks one at a time in call order, even when earlier ones fail', async () => {
    const queue = new SerialQueue('re-entered');
    const events: string[] = [];
    const task = (name: string, fail = false) => async () => {
      events.push(`start ${name}`);
      await new Promise((r) => setImmediate(r));
      events.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([queue.run(task('a')), queue.run(task('b', true)), queue.run(task('c'))]);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('refuses a call from inside a running task, but not from work that outlives it', async () => {
    const queue = new SerialQueue('re-entered');
    let later: Promise<string> | undefined;
    await queue.run(async () => {
      await expect(queue.run(async () => 'nested')).rejects.toThrow('re-entered');
      later = new Promise((r) => setTimeout(r, 5)).then(() => queue.run(async () => 'after'));
    });
    await expect(later).resolves.toBe('after');
  });
});
