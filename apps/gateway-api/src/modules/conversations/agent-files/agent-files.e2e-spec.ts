import { createHash, randomBytes } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { MAX_AGENT_ATTACHMENT_BYTES, type MessagePayload } from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import { type FileStorage, STORAGE } from '@cxgenie/storage';
import {
  ApiClient,
  type BootedService,
  bootService,
  seedBotAndChannel,
  seedConversations,
  signInAsNewMember,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../../gateway-api.service';

jest.setTimeout(120_000);

interface ErrorBody {
  message: string;
  details: { field: string; message: string }[];
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(3_000), Buffer.from('\n%%EOF')]);

const form = (text: string, files: { name: string; type: string; bytes: Buffer }[]) => {
  const body = new FormData();
  body.append('text', text);
  for (const f of files)
    body.append('files', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  return body;
};

/**
 * An agent's reply with files, at the API: checked before anything is stored, kept through the
 * storage port on the message, refused whole where the channel cannot carry files, and
 * downloadable by the workspace's agents only.
 */
describe('files on an agent reply', () => {
  let gateway: BootedService;
  let sequelize: Sequelize;
  let owner: ApiClient;
  let agent: ApiClient;
  let stranger: ApiClient;
  let emailConversation: string;
  let webConversation: string;

  const conversationOf = async (channelId: string) =>
    (
      await sequelize.query<{ id: string }>(
        'SELECT id FROM conversations WHERE channel_id = :channelId LIMIT 1',
        { replacements: { channelId }, type: QueryTypes.SELECT },
      )
    )[0]!.id;

  const messagesOf = async (conversationId: string) =>
    (
      await owner.get<{ items: { senderType: string; attachments: unknown[] }[] }>(
        `/api/v1/conversations/${conversationId}/messages`,
      )
    ).body.items;

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    sequelize = gateway.app.get(TenantConnections).sequelize;
    owner = await ApiClient.signUp(gateway.url);
    stranger = await ApiClient.signUp(gateway.url);
    const workspaceId = owner.session!.workspaceId;
    agent = await signInAsNewMember(gateway, workspaceId, 'agent');
    const web = await seedBotAndChannel(sequelize, workspaceId);
    const [email] = await sequelize.query<{ id: string }>(
      `INSERT INTO channels (workspace_id, bot_id, type, name) VALUES (:workspaceId, :botId, 'email', 'Mail')
       RETURNING id`,
      { replacements: { workspaceId, botId: web.botId }, type: QueryTypes.SELECT },
    );
    // One conversation each, in human mode (the seed's first status).
    await seedConversations(sequelize, web, { conversations: 1, messagesPerConversation: 1 });
    await seedConversations(
      sequelize,
      { ...web, channelId: email!.id },
      { conversations: 1, messagesPerConversation: 1 },
    );
    webConversation = await conversationOf(web.channelId);
    emailConversation = await conversationOf(email!.id);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('keeps the files on the reply and serves their exact bytes to the workspace only', async () => {
    const path = `/api/v1/conversations/${emailConversation}/messages`;
    const res = await agent.postForm<MessagePayload>(
      path,
      form('Here is your invoice and a photo of the parcel.', [
        { name: 'Rechnung März.pdf', type: 'application/pdf', bytes: PDF },
        { name: 'parcel.png', type: 'image/png', bytes: Buffer.from('\x89PNG\r\n\x1a\nfake') },
      ]),
    );
    expect(res.status).toBe(201);
    expect(res.body.attachments).toEqual([
      expect.objectContaining({
        type: 'file',
        name: 'Rechnung März.pdf',
        mimeType: 'application/pdf',
        sizeBytes: PDF.length,
        url: expect.stringMatching(/^storage:agent-files\//),
      }),
      expect.objectContaining({ type: 'image', name: 'parcel.png', mimeType: 'image/png' }),
    ]);
    const listed = await messagesOf(emailConversation);
    expect(listed.at(-1)).toMatchObject({ senderType: 'agent', attachments: res.body.attachments });

    const file = `${path}/${res.body.id}/attachments/0`;
    const download = await agent.fetchRaw(file);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Rechnung M_rz.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf`,
    );
    expect((await stranger.fetchRaw(file)).status).toBe(404);
    expect((await agent.fetchRaw(`${path}/${res.body.id}/attachments/2`)).status).toBe(404);
    expect((await agent.fetchRaw(`${path}/${res.body.id}/attachments/x`)).status).toBe(404);
  });

  it('refuses too many, too large, empty and unsendable files, naming the field, and sends nothing', async () => {
    const path = `/api/v1/conversations/${emailConversation}/messages`;
    const before = (await messagesOf(emailConversation)).length;
    const pdf = { name: 'a.pdf', type: 'application/pdf', bytes: PDF };
    const cases: [FormData, RegExp][] = [
      [form('six', Array(6).fill(pdf)), /At most 5 files can be attached/],
      [
        form('big', [{ ...pdf, bytes: Buffer.alloc(MAX_AGENT_ATTACHMENT_BYTES + 1, 1) }]),
        /larger than the 10 MB limit/,
      ],
      [
        form('two big ones', [
          { ...pdf, name: 'a.pdf', bytes: Buffer.alloc(8 * 1024 * 1024, 1) },
          { ...pdf, name: 'b.pdf', bytes: Buffer.alloc(8 * 1024 * 1024, 2) },
        ]),
        /together are larger than 15 MB/,
      ],
      [
        form('empty', [{ ...pdf, name: 'empty.pdf', bytes: Buffer.alloc(0) }]),
        /"empty.pdf" is empty/,
      ],
      [
        form('html', [{ name: 'page.html', type: 'text/html', bytes: Buffer.from('<script>') }]),
        /"page.html" is of type text\/html, which cannot be sent/,
      ],
      [
        form('svg', [{ name: 'logo.svg', type: 'image/svg+xml', bytes: Buffer.from('<svg/>') }]),
        /image\/svg\+xml/,
      ],
    ];
    for (const [body, message] of cases) {
      const res = await agent.postForm<ErrorBody>(path, body);
      expect([res.status, res.body.message]).toEqual([400, expect.stringMatching(message)]);
      expect(res.body.details).toEqual([{ field: 'files', message: expect.any(String) }]);
    }
    const wrongField = new FormData();
    wrongField.append('text', 'wrong field');
    wrongField.append('file', new Blob([new Uint8Array(PDF)]), 'a.pdf');
    const res = await agent.postForm<ErrorBody>(path, wrongField);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ field: 'files', message: expect.any(String) }]);
    expect(await messagesOf(emailConversation)).toHaveLength(before);
  });

  it('refuses files on a channel that cannot carry them before storing any, and still takes text-only replies there', async () => {
    const path = `/api/v1/conversations/${webConversation}/messages`;
    const before = (await messagesOf(webConversation)).length;
    // Bytes no other test sends: their content-addressed key exists only if this reply stored them.
    const refused = Buffer.concat([PDF, randomBytes(64)]);
    const key = `agent-files/${owner.session!.workspaceId}/${createHash('sha256').update(refused).digest('hex')}`;
    const storage = gateway.app.get<FileStorage>(STORAGE);
    const res = await agent.postForm<ErrorBody>(
      path,
      form('See attached', [{ name: 'a.pdf', type: 'application/pdf', bytes: refused }]),
    );
    expect(res.status).toBe(422);
    expect(await storage.exists(key)).toBe(false);
    expect(res.body.message).toMatch(/on web, which cannot carry files from agents/);
    expect(res.body.details).toEqual([
      { field: 'files', message: 'cannot be sent on a web conversation' },
    ]);
    expect(await messagesOf(webConversation)).toHaveLength(before);
    const textOnly = await agent.postForm<MessagePayload>(path, form('Text only, as a form', []));
    expect(textOnly.status).toBe(201);
    expect(textOnly.body.attachments).toEqual([]);
  });
});
