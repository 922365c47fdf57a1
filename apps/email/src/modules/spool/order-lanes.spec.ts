import { OrderLanes } from './order-lanes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('OrderLanes', () => {
  it('finishes the tasks of one key in the order they were started, even a slow first one', async () => {
    const lanes = new OrderLanes();
    const done: string[] = [];
    await Promise.all([
      lanes.run('alice', async () => {
        await sleep(30);
        done.push('alice-1');
      }),
      lanes.run('alice', async () => {
        done.push('alice-2');
      }),
    ]);
    expect(done).toEqual(['alice-1', 'alice-2']);
  });

  it('runs different keys side by side', async () => {
    const lanes = new OrderLanes();
    const done: string[] = [];
    await Promise.all([
      lanes.run('alice', async () => {
        await sleep(30);
        done.push('alice');
      }),
      lanes.run('bob', async () => {
        done.push('bob');
      }),
    ]);
    expect(done).toEqual(['bob', 'alice']);
  });

  it('goes on with the next task after one failed, and forgets idle keys', async () => {
    const lanes = new OrderLanes();
    const failed = lanes.run('alice', () => Promise.reject(new Error('database away')));
    const next = lanes.run('alice', () => Promise.resolve('second'));
    await expect(failed).rejects.toThrow('database away');
    await expect(next).resolves.toBe('second');
    await sleep(0);
    expect(lanes.busy).toBe(0);
  });
});
