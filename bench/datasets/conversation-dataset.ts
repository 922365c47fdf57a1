import argon2 from 'argon2';
import { QueryTypes, type Sequelize } from 'sequelize';
import { seedBotAndChannel, seedConversations, seedWorkspace } from '@cxgenie/testing';

export const DATASET_OWNER = {
  email: 'bench-owner@example.test',
  password: 'bench owner password',
};

export interface ConversationDataset {
  workspaceId: string;
  conversations: number;
  messages: number;
}

const MAIN = { conversations: 100_000, messagesPerConversation: 10 };
const NEIGHBOURS = { workspaces: 10, conversations: 10_000, messagesPerConversation: 5 };

/**
 * One busy workspace (100k conversations, 1M messages) among ten others holding their own data,
 * so a query that forgot its tenant, or an index that does not lead with it, shows in the numbers.
 * Seeded once per bench database; later runs reuse it.
 */
export async function ensureConversationDataset(
  sequelize: Sequelize,
  log: (line: string) => void,
): Promise<ConversationDataset> {
  const [existing] = await sequelize.query<{ id: string }>(
    "SELECT id FROM workspaces WHERE name = 'bench: conversation list' LIMIT 1",
    { type: QueryTypes.SELECT },
  );
  const workspaceId = existing?.id ?? (await seedMain(sequelize, log));
  const [counts] = await sequelize.query<{ conversations: string; messages: string }>(
    `SELECT (SELECT count(*) FROM conversations WHERE workspace_id = :workspaceId) AS conversations,
            (SELECT count(*) FROM messages WHERE workspace_id = :workspaceId) AS messages`,
    { replacements: { workspaceId }, type: QueryTypes.SELECT },
  );
  return {
    workspaceId,
    conversations: Number(counts.conversations),
    messages: Number(counts.messages),
  };
}

async function seedMain(sequelize: Sequelize, log: (line: string) => void): Promise<string> {
  const started = Date.now();
  const workspaceId = await seedWorkspace(sequelize, 'bench: conversation list');
  const [user] = await sequelize.query<{ id: string }>(
    `INSERT INTO users (email, name, password_hash) VALUES (:email, 'Bench owner', :hash)
     ON CONFLICT DO NOTHING RETURNING id`,
    {
      replacements: { email: DATASET_OWNER.email, hash: await argon2.hash(DATASET_OWNER.password) },
      type: QueryTypes.SELECT,
    },
  );
  await sequelize.query(
    `INSERT INTO workspace_members (workspace_id, user_id, role) VALUES (:workspaceId, :userId, 'owner')`,
    {
      replacements: { workspaceId, userId: user.id },
    },
  );
  log(`seeding ${MAIN.conversations} conversations × ${MAIN.messagesPerConversation} messages…`);
  await seedConversations(sequelize, await seedBotAndChannel(sequelize, workspaceId), MAIN);
  for (let i = 1; i <= NEIGHBOURS.workspaces; i++) {
    const neighbour = await seedWorkspace(sequelize, `bench: neighbour ${i}`);
    await seedConversations(sequelize, await seedBotAndChannel(sequelize, neighbour), NEIGHBOURS);
  }
  await sequelize.query('VACUUM ANALYZE');
  log(`seeded in ${Math.round((Date.now() - started) / 1000)} s`);
  return workspaceId;
}
