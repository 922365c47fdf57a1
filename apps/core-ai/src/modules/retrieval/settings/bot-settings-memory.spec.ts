import type { BotKnowledgeSettings } from '@cxgenie/contracts';
import { BotSettingsMemory } from './bot-settings-memory';

/** A database of bots' settings that counts its reads and can hold a read until released. */
class FakeRows {
  readonly rows = new Map<string, BotKnowledgeSettings>();
  reads = 0;
  private held: (() => void)[] = [];
  holding = false;

  reader(botId: string) {
    return async (): Promise<BotKnowledgeSettings | null> => {
      this.reads += 1;
      // What the row holds when the read reaches the database, before any hold.
      const row = this.rows.get(botId);
      const value = row ? { ...row } : null;
      if (this.holding) await new Promise<void>((release) => this.held.push(release));
      return value;
    };
  }

  release(): void {
    for (const release of this.held.splice(0)) release();
  }
}

const W = 'workspace-1';

describe('BotSettingsMemory', () => {
  let clock: number;
  let rows: FakeRows;
  let memory: BotSettingsMemory;
  const get = (botId: string, workspaceId = W) =>
    memory.get(workspaceId, botId, rows.reader(botId));

  beforeEach(() => {
    clock = 1_000;
    rows = new FakeRows();
    rows.rows.set('a', { topK: 3 });
    rows.rows.set('b', { topK: 4 });
    rows.rows.set('c', { topK: 5 });
    memory = new BotSettingsMemory({ capacity: 2, ttlMs: 10_000, now: () => clock });
    memory.setLive(true);
  });

  it('reads a bot once, then answers from memory', async () => {
    expect(await get('a')).toEqual({ topK: 3 });
    rows.rows.set('a', { topK: 9 });
    expect(await get('a')).toEqual({ topK: 3 });
    expect(rows.reads).toBe(1);
    expect(memory.stats()).toMatchObject({ hits: 1, misses: 1, size: 1 });
  });

  it('reads again after a change is announced for that bot, and only that bot', async () => {
    await get('a');
    await get('b');
    rows.rows.set('a', { topK: 9 });
    rows.rows.set('b', { topK: 8 });
    memory.drop(W, 'a');
    expect(await get('a')).toEqual({ topK: 9 });
    expect(await get('b')).toEqual({ topK: 4 });
    expect(rows.reads).toBe(3);
  });

  it('keeps workspaces apart: a drop in one workspace leaves the same bot id in another', async () => {
    await get('a', 'w1');
    await get('a', 'w2');
    rows.rows.set('a', { topK: 9 });
    memory.drop('w1', 'a');
    expect(await get('a', 'w1')).toEqual({ topK: 9 });
    expect(await get('a', 'w2')).toEqual({ topK: 3 });
  });

  it('answers a deleted bot as missing once its deletion is announced, and never keeps a miss', async () => {
    await get('a');
    rows.rows.delete('a');
    memory.drop(W, 'a');
    expect(await get('a')).toBeNull();
    expect(await get('a')).toBeNull();
    expect(rows.reads).toBe(3);
    // Created afterwards, with no announcement: found at once.
    rows.rows.set('a', { topK: 2 });
    expect(await get('a')).toEqual({ topK: 2 });
  });

  it('trusts an entry for ttlMs at most, counted from when its read began', async () => {
    await get('a');
    rows.rows.set('a', { topK: 9 });
    clock += 9_999;
    expect(await get('a')).toEqual({ topK: 3 });
    clock += 1;
    expect(await get('a')).toEqual({ topK: 9 });
  });

  it('reads a bot in use again behind its search past half of ttlMs, so no search waits at expiry', async () => {
    await get('a');
    rows.rows.set('a', { topK: 9 });
    rows.holding = true;
    clock += 4_000;
    expect(await get('a')).toEqual({ topK: 3 });
    expect(rows.reads).toBe(1);
    clock += 2_000;
    // Answered from memory although the read it started is held.
    expect(await get('a')).toEqual({ topK: 3 });
    expect(await get('a')).toEqual({ topK: 3 });
    expect(rows.reads).toBe(2);
    rows.release();
    await new Promise((resolve) => setImmediate(resolve));
    rows.holding = false;
    // Past the first read's expiry: the second read's settings, with no read in front.
    clock += 5_000;
    expect(await get('a')).toEqual({ topK: 9 });
    expect(rows.reads).toBe(2);
    // Its life counts from when it began (t + 6 s): at t + 16 s it is read again in front.
    rows.rows.set('a', { topK: 7 });
    clock += 5_000;
    expect(await get('a')).toEqual({ topK: 7 });
  });

  it('reads behind searches once while the database fails, not on every search', async () => {
    await get('a');
    clock += 6_000;
    const failing = () => {
      rows.reads += 1;
      return Promise.reject(new Error('connection reset'));
    };
    for (let i = 0; i < 50; i += 1) expect(await memory.get(W, 'a', failing)).toEqual({ topK: 3 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(rows.reads).toBe(2);
    expect(memory.stats()).toMatchObject({ hits: 50, misses: 1, refreshes: 1 });
  });

  it('forgets a bot whose read behind a search finds it gone (a deletion announced unseen)', async () => {
    await get('a');
    rows.rows.delete('a');
    clock += 6_000;
    expect(await get('a')).toEqual({ topK: 3 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(memory.stats().size).toBe(0);
    expect(await get('a')).toBeNull();
  });

  it('holds at most `capacity` bots, the least recently used dropped first', async () => {
    await get('a');
    await get('b');
    await get('a'); // a is now the most recent
    await get('c'); // evicts b
    expect(memory.stats().size).toBe(2);
    const before = rows.reads;
    await get('a');
    await get('c');
    expect(rows.reads).toBe(before);
    await get('b');
    expect(rows.reads).toBe(before + 1);
  });

  it('does not keep a read that was under way when its bot’s change was announced', async () => {
    rows.holding = true;
    const racing = get('a'); // read the row before the change…
    rows.rows.set('a', { topK: 9 });
    memory.drop(W, 'a'); // …whose announcement arrives before the read's reply
    rows.holding = false;
    const after = get('a'); // a search after the announcement does not join the old read
    rows.release();
    expect(await racing).toEqual({ topK: 3 });
    expect(await after).toEqual({ topK: 9 });
    expect(await get('a')).toEqual({ topK: 9 });
  });

  it('does not keep reads under way when everything is dropped', async () => {
    rows.holding = true;
    const racing = get('a');
    rows.rows.set('a', { topK: 9 });
    memory.dropAll();
    rows.release();
    rows.holding = false;
    expect(await racing).toEqual({ topK: 3 });
    expect(await get('a')).toEqual({ topK: 9 });
  });

  it('shares one read among concurrent misses of a bot', async () => {
    rows.holding = true;
    const all = Promise.all([get('a'), get('a'), get('a')]);
    rows.release();
    expect(await all).toEqual([{ topK: 3 }, { topK: 3 }, { topK: 3 }]);
    expect(rows.reads).toBe(1);
    expect(memory.stats()).toMatchObject({ hits: 0, misses: 1, shared: 2 });
  });

  it('does not remember a failed read', async () => {
    const failing = () => Promise.reject(new Error('connection reset'));
    await expect(memory.get(W, 'a', failing)).rejects.toThrow('connection reset');
    expect(await get('a')).toEqual({ topK: 3 });
    expect(rows.reads).toBe(1);
  });

  it('serves nothing from memory while not subscribed, and starts over when it is again', async () => {
    await get('a');
    memory.setLive(false);
    rows.rows.set('a', { topK: 9 }); // announced while unsubscribed: lost
    expect(await get('a')).toEqual({ topK: 9 });
    expect(await get('a')).toEqual({ topK: 9 });
    expect(rows.reads).toBe(3);
    memory.setLive(true);
    rows.rows.set('a', { topK: 7 });
    expect(await get('a')).toEqual({ topK: 7 });
  });

  it('reads every time with a capacity of 0', async () => {
    memory = new BotSettingsMemory({ capacity: 0, ttlMs: 10_000, now: () => clock });
    memory.setLive(true);
    await get('a');
    await get('a');
    expect(rows.reads).toBe(2);
  });

  it('hands out settings no caller can change for the next one', async () => {
    const first = await get('a');
    expect(() => {
      (first as { topK: number }).topK = 50;
    }).toThrow(TypeError);
    expect(await get('a')).toEqual({ topK: 3 });
  });
});
