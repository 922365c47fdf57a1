import type { Sequelize } from 'sequelize';
import { SecretBox } from '@cxgenie/channels';
import { TenantConnections } from '@cxgenie/database';
import {
  type BootedService,
  FAKE_TELEGRAM_BOT_TOKEN,
  bootService,
  countQueries,
} from '@cxgenie/testing';
import { integrationService } from '../../integration.service';
import { type SeededChannel, seedPlatformChannel } from '../../channels.test-helpers';
import { ChannelAdapterRegistry } from '../channel-registry/channel-adapter.registry';
import {
  CHANNEL_CACHE_TTL_MS,
  CHANNEL_REFRESH_AFTER_MS,
  ChannelDirectory,
} from './channel-directory';

describe('channel directory', () => {
  let integration: BootedService;
  let sequelize: Sequelize;
  let directory: ChannelDirectory;
  let box: SecretBox;

  beforeAll(async () => {
    integration = await bootService(integrationService);
    sequelize = integration.app.get(TenantConnections).sequelize;
    directory = integration.app.get(ChannelDirectory);
    box = new SecretBox(integration.config.encryptionKey);
  });
  afterAll(() => integration.close());
  afterEach(() => jest.restoreAllMocks());

  const telegramChannel = () =>
    seedPlatformChannel(sequelize, integration.config.encryptionKey, {
      type: 'telegram',
      credentials: { botToken: FAKE_TELEGRAM_BOT_TOKEN },
    });

  // What an admin's rotation leaves in the row (gateway-api seals it with the same key).
  const rotateSecret = async (channel: SeededChannel, secret: string) => {
    await sequelize.query('UPDATE channels SET webhook_secret_encrypted = :sealed WHERE id = :id', {
      replacements: { sealed: box.seal(secret), id: channel.channelId },
    });
  };

  /** Every clock in the process moved forward, as if that much time had passed. */
  const later = (ms: number) => {
    const now = Date.now.bind(Date);
    jest.spyOn(Date, 'now').mockImplementation(() => now() + ms);
  };

  const channelReads = (queries: string[]) => queries.filter((q) => /FROM "channels"/.test(q));

  it('reads a channel that many webhooks ask for at once only once', async () => {
    const alone = await telegramChannel();
    const single = channelReads(
      (await countQueries(sequelize, () => directory.find(alone.channelId))).queries,
    );
    const busy = await telegramChannel();
    const { result, queries } = await countQueries(sequelize, () =>
      Promise.all(Array.from({ length: 10 }, () => directory.find(busy.channelId))),
    );
    expect(result.every((channel) => channel?.webhookSecret === busy.webhookSecret)).toBe(true);
    expect(channelReads(queries)).toHaveLength(single.length);
  });

  it('answers a hit past the refresh age at once and refreshes it behind, within the TTL', async () => {
    const seeded = await telegramChannel();
    expect((await directory.find(seeded.channelId))?.webhookSecret).toBe(seeded.webhookSecret);
    await rotateSecret(seeded, 'whs_rotated_once');

    // The clock stands still past the refresh age, short of the TTL: the entry never expires, so
    // only the refresh that the hit started behind itself can bring the rotated secret.
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + CHANNEL_REFRESH_AFTER_MS + 100);
    expect((await directory.find(seeded.channelId))?.webhookSecret).toBe(seeded.webhookSecret);
    const deadline = performance.now() + 5_000;
    let secret: string | null | undefined;
    do {
      await new Promise((resolve) => setTimeout(resolve, 20));
      secret = (await directory.find(seeded.channelId))?.webhookSecret;
    } while (secret !== 'whs_rotated_once' && performance.now() < deadline);
    expect(secret).toBe('whs_rotated_once');
  });

  it('never answers an entry older than the TTL, and a fresh find always reads', async () => {
    const seeded = await telegramChannel();
    await directory.find(seeded.channelId);
    await rotateSecret(seeded, 'whs_rotated_expired');
    later(CHANNEL_CACHE_TTL_MS + 100);
    expect((await directory.find(seeded.channelId))?.webhookSecret).toBe('whs_rotated_expired');

    await rotateSecret(seeded, 'whs_rotated_fresh');
    expect((await directory.find(seeded.channelId, { fresh: true }))?.webhookSecret).toBe(
      'whs_rotated_fresh',
    );
    // The fresh read replaced the entry for everybody.
    expect((await directory.find(seeded.channelId))?.webhookSecret).toBe('whs_rotated_fresh');
  });

  it("hands the adapter the loaded channel's context, with the secret of that load", async () => {
    const seeded = await telegramChannel();
    const adapter = integration.app.get(ChannelAdapterRegistry).get('telegram')!;
    const first = (await directory.find(seeded.channelId))!;
    expect(directory.contextFor(first, adapter)).toBe(directory.contextFor(first, adapter));
    expect(directory.contextFor(first, adapter).webhookSecret).toBe(seeded.webhookSecret);

    await rotateSecret(seeded, 'whs_rotated_context');
    const reloaded = (await directory.find(seeded.channelId, { fresh: true }))!;
    expect(directory.contextFor(reloaded, adapter).webhookSecret).toBe('whs_rotated_context');
  });
});
