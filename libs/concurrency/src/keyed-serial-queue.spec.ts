import { KeyedSerialQueue } from './keyed-serial-queue';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedSerialQueue', () => {
  it('finishes the tasks of one key in the order they were started, even a slow first one', async () => {
    const queue = new KeyedSerialQueue();
    const done: string[] = [];
    await Promise.all([
      queue.run('alice', async () => {
        await sleep(30);
        done.push('alice-1');
      }),
      queue.run('alice', async () => {
        done.push('alice-2');
      }),
    ]);
    expect(done).toEqual(['alice-1', 'alice-2']);
  });

  it('runs different keys side by side', async () => {
    const queue = new KeyedSerialQueue();
    const done: string[] = [];
    await Promise.all([
      queue.run('alice', async () => {
        await sleep(30);
        done.push('alice');
      }),
      queue.run('bob', async () => {
        done.push('bob');
      }),
    ]);
    expect(done).toEqual(['bob', 'alice']);
  });

  it('goes on with the next task after one failed, and forgets idle keys', async () => {
    const queue = new KeyedSerialQueue();
    const failed = queue.run('alice', () => Promise.reject(new Error('database away')));
    const next = queue.run('alice', () => Promise.resolve('second'));
    await expect(failed).rejects.toThrow('database away');
    await expect(next).resolves.toBe('second');
    await sleep(0);
    expect(queue.busy).toBe(0);
  });
});
