import { randomBytes } from 'node:crypto';
import { serviceUrlEnvVar } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import {
  addSnippet,
  ApiClient,
  type BootedService,
  bootService,
  eventually,
  PARCEL_KNOWLEDGE,
  sharedQueuePrefix,
  type SpawnedService,
  spawnService,
  signInAsNewMember,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

interface DeadLetterBody {
  source: string;
  conversationId: string | null;
  reason: string;
  attempts: number;
  payload: { seq: number; text: string };
}
interface MessageBody {
  id: string;
  conversationId: string;
}

describe('dead letters: a message that can never be handled is set aside, and the conversation goes on', () => {
  let coreAi: SpawnedService;
  let gateway: BootedService;
  let tenants: TenantConnections;
  let owner: ApiClient;
  let botKey: string;
  const marker = `POISON-${randomBytes(4).toString('hex')}`;
  const trigger = `poison_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    const QUEUE_PREFIX = sharedQueuePrefix();
    coreAi = await spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '0', QUEUE_PREFIX });
    gateway = await bootService(gatewayApiService, {
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      QUEUE_PREFIX,
    });
    tenants = gateway.app.get(TenantConnections);
    owner = await ApiClient.signUp(gateway.url);
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: 'Dead letters',
      typeReplyUnknown: 'AI_GENERATE',
    });
    botKey = bot.body.publicKey;
    await addSnippet(owner, coreAi.url, bot.body.id, PARCEL_KNOWLEDGE);
    // Fault injection in the real database: the reply to one marked question is refused as
    // invalid data, every time, as a value PostgreSQL cannot store would be.
    await tenants.sequelize.query(`
      CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM messages WHERE id = NEW.reply_to_message_id AND text = '${marker}') THEN
          RAISE EXCEPTION 'refused reply to the marked question' USING ERRCODE = '22023';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER ${trigger} BEFORE INSERT ON messages FOR EACH ROW
        WHEN (NEW.reply_to_message_id IS NOT NULL) EXECUTE FUNCTION ${trigger}();
    `);
  });

  afterAll(async () => {
    await tenants.sequelize.query(
      `DROP TRIGGER IF EXISTS ${trigger} ON messages; DROP FUNCTION IF EXISTS ${trigger}();`,
    );
    await gateway.close();
    await coreAi.close();
  });

  it('answers the next question, shows the set-aside one to administrators with its reason, and to nobody else', async () => {
    const session = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey },
    );
    const visitor = new ApiClient(gateway.url).withBearer(session.body.sessionToken);
    const poison = await visitor.post<MessageBody>('/api/v1/widget/messages', { text: marker });
    const next = await visitor.post<MessageBody>('/api/v1/widget/messages', {
      text: 'Where is my parcel?',
    });
    expect([poison.status, next.status]).toEqual([202, 202]);

    const conversationId = poison.body.conversationId;
    // Read where the pipeline wrote it: which question each bot reply answers.
    const replies = await eventually(async () => {
      const rows = await tenants.control.Message.findAll({
        where: { conversationId, senderType: 'bot' },
      });
      expect(rows.map((r) => r.replyToMessageId)).toEqual([next.body.id]);
      return rows;
    }, 30_000);
    expect(replies.some((r) => r.replyToMessageId === poison.body.id)).toBe(false);

    const letters = await owner.get<{ items: DeadLetterBody[] }>('/api/v1/dead-letters');
    expect(letters.status).toBe(200);
    expect(letters.body.items).toHaveLength(1);
    expect(letters.body.items[0]).toMatchObject({
      source: 'conversation_pipeline',
      conversationId,
      reason: expect.stringContaining('refused reply to the marked question'),
      payload: { seq: 1, text: marker },
    });
    expect(letters.body.items[0].attempts).toBeGreaterThanOrEqual(3);

    const agent = await signInAsNewMember(gateway, owner.session!.workspaceId, 'agent');
    expect((await agent.get('/api/v1/dead-letters')).status).toBe(403);
    const stranger = await ApiClient.signUp(gateway.url);
    expect((await stranger.get<{ items: unknown[] }>('/api/v1/dead-letters')).body.items).toEqual(
      [],
    );
  });

  it('answers a bad limit or cursor with the field', async () => {
    const res = await owner.get<{ details: { field: string }[] }>('/api/v1/dead-letters?limit=0');
    expect(res.status).toBe(400);
    expect(res.body.details.map((d) => d.field)).toEqual(['limit']);
    expect((await owner.get('/api/v1/dead-letters?cursor=nope')).status).toBe(400);
  });
});
