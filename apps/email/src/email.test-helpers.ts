import { getQueueToken } from '@nestjs/bull';
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bull';
import { randomBytes } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { SecretBox } from '@cxgenie/channels';
import { QueueNames } from '@cxgenie/contracts';
import { eventually, seedWorkspace } from '@cxgenie/testing';

export interface SeededEmailChannel {
  workspaceId: string;
  botId: string;
  channelId: string;
  address: string;
  webhookSecret: string;
}

export interface EmailChannelSeed {
  workspaceId?: string;
  settings?: Record<string, unknown>;
  credentials?: Record<string, string>;
  isActive?: boolean;
}

/** A unique support address of the test domain. */
export const supportAddress = (label = 'support'): string =>
  `${label}-${randomBytes(5).toString('hex')}@acme.test`;

/**
 * A workspace, a bot and an email channel written straight into PostgreSQL, its credentials and
 * webhook secret sealed as gateway-api seals them (same ENCRYPTION_KEY).
 */
export async function seedEmailChannel(
  sequelize: Sequelize,
  encryptionKey: string,
  seed: EmailChannelSeed = {},
): Promise<SeededEmailChannel> {
  const box = new SecretBox(encryptionKey);
  const workspaceId = seed.workspaceId ?? (await seedWorkspace(sequelize, 'email channel test'));
  const [bot] = await sequelize.query<{ id: string }>(
    `INSERT INTO bots (workspace_id, name, public_key) VALUES (:workspaceId, 'Mail bot', 'pk_mail_' || gen_random_uuid())
     RETURNING id`,
    { replacements: { workspaceId }, type: QueryTypes.SELECT },
  );
  const address = supportAddress();
  const settings = { addresses: [address], fromName: 'Acme Support', ...seed.settings };
  const webhookSecret = `whs_${randomBytes(12).toString('hex')}`;
  const [channel] = await sequelize.query<{ id: string }>(
    `INSERT INTO channels (workspace_id, bot_id, type, name, credentials_encrypted, webhook_secret_encrypted, settings, is_active)
     VALUES (:workspaceId, :botId, 'email', 'Support mail', :credentials, :secret, CAST(:settings AS jsonb), :isActive)
     RETURNING id`,
    {
      replacements: {
        workspaceId,
        botId: bot.id,
        credentials: seed.credentials ? box.sealJson(seed.credentials) : null,
        secret: box.seal(webhookSecret),
        settings: JSON.stringify(settings),
        isActive: seed.isActive ?? true,
      },
      type: QueryTypes.SELECT,
    },
  );
  return {
    workspaceId,
    botId: bot.id,
    channelId: channel.id,
    address: (settings.addresses as string[])[0],
    webhookSecret,
  };
}

export interface StoredMessage {
  id: string;
  conversation_id: string;
  seq: number;
  direction: string;
  sender_type: string;
  text: string;
  status: string;
  error: string | null;
  platform_message_id: string | null;
  attachments: { type: string; url: string; name?: string; sizeBytes?: number }[];
  metadata: Record<string, unknown>;
}

/** Every message of the channel, oldest first. */
export const messagesOfChannel = (sequelize: Sequelize, channelId: string) =>
  sequelize.query<StoredMessage>(
    `SELECT id, conversation_id, seq, direction, sender_type, text, status, error, platform_message_id,
            attachments, metadata
       FROM messages WHERE channel_id = :channelId ORDER BY created_at, seq`,
    { replacements: { channelId }, type: QueryTypes.SELECT },
  );

/** The channel's row for a Message-ID in the email index. */
export const indexedMail = (sequelize: Sequelize, channelId: string, rfcMessageId: string) =>
  sequelize
    .query<{
      state: string;
      reason: string | null;
      conversation_id: string | null;
      raw_key: string | null;
    }>(
      `SELECT state, reason, conversation_id, raw_key FROM email_messages
        WHERE channel_id = :channelId AND rfc_message_id = :rfcMessageId`,
      { replacements: { channelId, rfcMessageId }, type: QueryTypes.SELECT },
    )
    .then(([row]) => row ?? null);

/** Resolves once every spooled mail (`email.inbound`) of the booted service has been read. */
export async function spoolDrained(service: { app: INestApplication }): Promise<void> {
  const queue = service.app.get<Queue>(getQueueToken(QueueNames.EmailInbound));
  await eventually(async () => {
    const counts = await queue.getJobCounts();
    expect(counts.waiting + counts.active + counts.delayed).toBe(0);
  }, 15_000);
}
