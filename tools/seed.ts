/*
 * The demo workspace `npm start` opens with: an owner to log in as, a bot with a small knowledge
 * base (FAQs and snippets), its web channel, and a few conversations in the inbox. Idempotent:
 * an existing demo workspace is left as it is.
 */
import argon2 from 'argon2';
import Bull from 'bull';
import { Sequelize } from 'sequelize';
import { platformEnvSchema } from '@cxgenie/config';
import { type KnowledgeIndexJobData, QueueNames } from '@cxgenie/contracts';
import { withTraceId } from '@cxgenie/observability';
import { createModelSet } from '@cxgenie/database';

export const DEMO = {
  email: 'demo@cxgenie.local',
  password: 'cxgenie-demo-password',
  workspace: 'Demo Support',
  botPublicKey: 'pk_demo_widget_key',
};

const FAQS = [
  [
    'How long do refunds take?',
    'Refunds reach your card 5 to 10 business days after we receive the returned item.',
  ],
  [
    'Can I return an item after 30 days?',
    'Returns are accepted within 30 days of delivery, unused and in the original packaging.',
  ],
  [
    'Do you ship internationally?',
    'We ship to 40 countries. Shipping costs are shown at checkout before you pay.',
  ],
  [
    'How do I reset my password?',
    'Use "Forgot password" on the sign-in page; the reset link is valid for one hour.',
  ],
];

const SNIPPETS = [
  ['Support hours', 'Our human support team is available Monday to Friday, 9:00–18:00 CET.'],
  [
    'Warranty',
    'Every device has a two-year warranty covering manufacturing defects, not accidental damage.',
  ],
];

const CONVERSATIONS = [
  [
    'Maria Lopez',
    [
      'Hi! How long do refunds take?',
      'Refunds reach your card 5 to 10 business days after we receive the returned item.',
    ],
  ],
  ['Tom Becker', ['My parcel arrived damaged, can I get a refund for damaged items?']],
  [
    'Aiko Tanaka',
    [
      'Do you ship to Japan?',
      'We ship to 40 countries. Shipping costs are shown at checkout before you pay.',
      'Great, thanks!',
    ],
  ],
] as const;

/** core-ai embeds the demo knowledge from its queue as soon as it starts. */
async function queueKnowledgeIndexing(
  env: { REDIS_URL: string; QUEUE_PREFIX: string },
  entries: Omit<KnowledgeIndexJobData, 'action' | 'traceId'>[],
): Promise<void> {
  const queue = new Bull<KnowledgeIndexJobData>(QueueNames.KnowledgeIndex, env.REDIS_URL, {
    prefix: env.QUEUE_PREFIX,
  });
  try {
    await queue.addBulk(
      entries.map((entry) => ({
        data: withTraceId({ ...entry, action: 'upsert' as const }),
        opts: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } },
      })),
    );
  } finally {
    await queue.close();
  }
}

async function main(): Promise<void> {
  const env = platformEnvSchema.parse(process.env);
  const sequelize = new Sequelize(env.DATABASE_URL, { logging: false });
  const m = createModelSet(sequelize);
  try {
    if (await m.Workspace.findOne({ where: { slug: 'demo' } })) {
      console.log(`demo workspace ready — log in as ${DEMO.email} / ${DEMO.password}`);
      return;
    }
    const knowledge: Omit<KnowledgeIndexJobData, 'action' | 'traceId'>[] = [];
    await sequelize.transaction(async (transaction) => {
      const workspace = await m.Workspace.create(
        { name: DEMO.workspace, slug: 'demo' },
        { transaction },
      );
      const user = await m.User.create(
        { email: DEMO.email, name: 'Demo Owner', passwordHash: await argon2.hash(DEMO.password) },
        { transaction },
      );
      await m.WorkspaceMember.create(
        { workspaceId: workspace.id, userId: user.id, role: 'owner', availability: 'online' },
        { transaction },
      );
      const workspaceId = workspace.id;
      const bot = await m.Bot.create(
        {
          workspaceId,
          name: 'Demo Bot',
          publicKey: DEMO.botPublicKey,
          systemPrompt: 'You are the friendly support assistant of an online electronics shop.',
          typeReplyUnknown: 'NO_REPLY',
          handoffPhrases: ['talk to a human', 'speak to an agent'],
        },
        { transaction },
      );
      const channel = await m.Channel.create(
        { workspaceId, botId: bot.id, type: 'web', name: 'Web widget' },
        { transaction },
      );
      const faqs = await m.Faq.bulkCreate(
        FAQS.map(([question, answer]) => ({ workspaceId, botId: bot.id, question, answer })),
        { transaction },
      );
      const snippets = await m.Snippet.bulkCreate(
        SNIPPETS.map(([title, content]) => ({ workspaceId, botId: bot.id, title, content })),
        { transaction },
      );
      knowledge.push(
        ...faqs.map((faq) => ({
          botId: bot.id,
          workspaceId,
          sourceType: 'faq' as const,
          entryId: faq.id,
        })),
        ...snippets.map((snippet) => ({
          botId: bot.id,
          workspaceId,
          sourceType: 'snippet' as const,
          entryId: snippet.id,
        })),
      );
      for (const [name, texts] of CONVERSATIONS) {
        const customer = await m.Customer.create({ workspaceId, name }, { transaction });
        const conversation = await m.Conversation.create(
          {
            workspaceId,
            botId: bot.id,
            channelId: channel.id,
            customerId: customer.id,
            status: texts.length === 1 ? 'human' : 'bot',
            lastMessageSeq: texts.length,
          },
          { transaction },
        );
        await m.Message.bulkCreate(
          texts.map((text, i) => ({
            workspaceId,
            conversationId: conversation.id,
            channelId: channel.id,
            seq: i + 1,
            direction: i % 2 === 0 ? ('inbound' as const) : ('outbound' as const),
            senderType: i % 2 === 0 ? ('customer' as const) : ('bot' as const),
            text,
          })),
          { transaction },
        );
      }
    });
    await queueKnowledgeIndexing(env, knowledge);
    console.log(`demo workspace created — log in as ${DEMO.email} / ${DEMO.password}`);
  } finally {
    await sequelize.close();
  }
}

main().catch((error: unknown) => {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
