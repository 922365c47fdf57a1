import { randomBytes, randomUUID } from 'node:crypto';
import type { LDOptions } from '@launchdarkly/node-server-sdk';
import { FlagsHttpClient } from '@cxgenie/contracts';
import { type FlagsClient, connectFlagsClient } from '@cxgenie/flags';
import {
  type BootedService,
  TEST_REDIS_URL,
  bootService,
  serviceTokenHeaders,
} from '@cxgenie/testing';
import { FlagChangeRelay } from '../modules/changes/flag-change.relay';
import { createFlagsService } from '../flags.service';

/** The flags service booted in-process, and in-process clients standing for other services. */
export interface FlagsUnderTest {
  service: BootedService;
  prefix: string;
  http: FlagsHttpClient;
  /**
   * A new client, as one more service instance would have; closed by `close()`. `flagsUrl`: where
   * it finds the flags service when that is not this instance.
   */
  client(name?: string, flagsUrl?: () => string): FlagsClient;
  /** Resolves once every change the SDK reported so far reached Redis and the sockets. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function bootFlags({
  updateProcessor,
  env = {},
  prefix = `test-flags-${randomBytes(4).toString('hex')}`,
}: {
  /** QUEUE_PREFIX; pass another instance's to share its cache and change channel. */
  prefix?: string;
  /** The SDK's TestData (`td.getFactory()`); none: whatever the environment says. */
  updateProcessor?: NonNullable<LDOptions['updateProcessor']>;
  env?: Record<string, string>;
} = {}): Promise<FlagsUnderTest> {
  const entry = createFlagsService(updateProcessor ? { kind: 'test', updateProcessor } : undefined);
  const service = await bootService(entry, { QUEUE_PREFIX: prefix, ...env });
  const clients: FlagsClient[] = [];
  const relay = service.app.get(FlagChangeRelay);
  // The SDK becoming ready counts as a change of every flag: let it pass before the test starts.
  await relay.settled();
  return {
    service,
    prefix,
    http: new FlagsHttpClient({
      baseUrl: service.url,
      timeoutMs: 5_000,
      fetch: (url, init) =>
        fetch(url, { ...init, headers: { ...init.headers, ...serviceTokenHeaders() } }),
    }),
    client: (name = randomUUID().slice(0, 8), flagsUrl) => {
      const client = connectFlagsClient({
        redisUrl: TEST_REDIS_URL,
        flagsUrl: service.url,
        // A restarted flags service keeps its address; in tests the new one has another port.
        fetch: flagsUrl
          ? (url, init) => fetch(url.replace(service.url, flagsUrl()), init)
          : undefined,
        prefix,
        connectionName: `test:flags-client:${name}`,
        timeoutMs: 2_000,
        serviceToken: service.config.serviceToken,
      });
      clients.push(client);
      return client;
    },
    settled: () => relay.settled(),
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await service.close();
    },
  };
}
