import pino from 'pino';
import { loadServiceConfig } from '@cxgenie/config';
import { LogContext } from '@cxgenie/observability';
import { testEnv } from '@cxgenie/testing';
import type { WarmHotBots } from './warm-hot-bots';
import { SHUTDOWN_GRACE_MS, WarmOnStart } from './warm-on-start';

/** Warming that never ends: a store or Redis that does not answer. */
const stuck = { execute: () => new Promise<never>(() => undefined) } as unknown as WarmHotBots;

const warmOnStart = (warm: WarmHotBots, env: Record<string, string>) =>
  new WarmOnStart(
    warm,
    new LogContext(pino({ enabled: false })),
    loadServiceConfig('core-ai', testEnv(env)),
  );

describe('WarmOnStart', () => {
  it('serves after KNOWLEDGE_WARM_WAIT_MS however long the warming takes', async () => {
    // Never resolving would time the test out.
    await expect(
      warmOnStart(stuck, { KNOWLEDGE_WARM_WAIT_MS: '50' }).onApplicationBootstrap(),
    ).resolves.toBeUndefined();
  });

  it(
    'stops within its grace when the warming it stops does not end',
    async () => {
      const start = warmOnStart(stuck, { KNOWLEDGE_WARM_WAIT_MS: '0' });
      await start.onApplicationBootstrap();
      await expect(start.onApplicationShutdown()).resolves.toBeUndefined();
    },
    SHUTDOWN_GRACE_MS * 3,
  );

  it('warms nothing, and waits for nothing, with KNOWLEDGE_WARM_BOTS=0', async () => {
    const execute = jest.fn();
    const start = warmOnStart({ execute } as unknown as WarmHotBots, { KNOWLEDGE_WARM_BOTS: '0' });
    await start.onApplicationBootstrap();
    await start.onApplicationShutdown();
    expect(execute).not.toHaveBeenCalled();
  });
});
