import { randomBytes } from 'node:crypto';
import { DeadLetterStore } from '@cxgenie/conversations';
import { TenantConnections, TenantRelocator } from '@cxgenie/database';
import { type FileStorage, STORAGE } from '@cxgenie/storage';
import {
  ApiClient,
  type BootedService,
  bootService,
  seedBotAndChannel,
  seedConversations,
  signInAsNewMember,
} from '@cxgenie/testing';
import { gatewayApiService } from '../gateway-api.service';

/**
 * Workspace A's owner tries every tenant-scoped route of the API against workspace B's resources:
 * each answers exactly as for a missing id, B's lists never leak into A's, and B's data is
 * unchanged afterwards. Run with B in the shared database, then again with B in its own database.
 * The route table is checked against the OpenAPI document, so a new route cannot skip this suite.
 */

type Verb = 'GET' | 'PATCH' | 'DELETE' | 'POST';

interface Probe {
  /** OpenAPI path of the route, parameters written `{}`. */
  route: string;
  path: string;
  verbs: Verb[];
  body?: Record<string, unknown>;
}

interface Listing {
  route: string;
  path: string;
  id: string;
}

interface Fixture {
  probes: Probe[];
  listings: Listing[];
  /** Routes B reads before and after, expecting the same answer. */
  snapshots: string[];
}

/** Routes whose answer depends only on the caller, so there is nothing of B's to reach. */
const CALLER_SCOPED = new Set([
  '/api/v1/auth/signup',
  '/api/v1/auth/login',
  '/api/v1/auth/refresh',
  '/api/v1/auth/logout',
  '/api/v1/auth/me',
  // The caller's own memberships; switching to B is refused (403, workspace-access e2e).
  '/api/v1/auth/workspaces',
  '/api/v1/auth/switch-workspace',
  // The same catalogue for everyone.
  '/api/v1/channel-types',
  '/api/v1/workspace',
  '/api/v1/system/check',
  '/api/v1/invitations/accept',
  '/api/v1/widget/sessions',
  '/api/v1/widget/session',
  '/api/v1/widget/messages',
  '/api/v1/widget/csat',
  '/api/v1/sla-policies',
  '/api/v1/sla-policies/{}',
  // The reports read the caller's workspace only; every report's isolation is checked with facts
  // in both workspaces in modules/analytics/analytics-reports.e2e-spec.ts.
  // (ingestion's also in knowledge/knowledge-ingestion-flow.e2e-spec.ts, with the loader's facts).
  ...[
    'messages',
    'bots',
    'sentiment',
    'agents',
    'csat',
    'availability',
    'sla',
    'costs',
    'ingestion',
  ].map((report) => `/api/v1/analytics/${report}`),
]);

const normalise = (route: string): string => route.replace(/\{[^}]+\}|:[A-Za-z]+/g, '{}');

async function createWorkspaceB(gateway: BootedService, owner: ApiClient): Promise<Fixture> {
  const workspaceId = owner.session!.workspaceId;
  const ok = <T>(res: { status: number; body: T }, what: string): T => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const bot = ok(await owner.post<{ id: string }>('/api/v1/bots', { name: 'B bot' }), 'bot').id;
  const channel = ok(
    await owner.post<{ id: string }>('/api/v1/channels', {
      type: 'telegram',
      name: 'B telegram',
      botId: bot,
      credentials: { botToken: '123456:secret-of-workspace-b-token' },
    }),
    'channel',
  ).id;
  const faq = ok(
    await owner.post<{ id: string }>(`/api/v1/bots/${bot}/faqs`, {
      question: 'Q of B?',
      answer: 'A of B.',
    }),
    'faq',
  ).id;
  const snippet = ok(
    await owner.post<{ id: string }>(`/api/v1/bots/${bot}/snippets`, {
      title: 'B',
      content: 'Snippet of B',
    }),
    'snippet',
  ).id;
  const source = ok(
    await owner.post<{ id: string }>(`/api/v1/bots/${bot}/sources/websites`, {
      url: 'https://docs.example.com/',
    }),
    'source',
  ).id;

  const tenants = gateway.app.get(TenantConnections);
  const scope = await tenants.scope(workspaceId);
  const docSource = await scope.models.KnowledgeSource.create({
    workspaceId,
    botId: bot,
    type: 'document',
    name: 'manual.pdf',
  });
  const document = (
    await scope.models.Document.create({
      workspaceId,
      botId: bot,
      sourceId: docSource.id,
      filename: 'manual.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 1024,
      storageKey: 'b/manual.pdf',
      sha256: 'f'.repeat(64),
    })
  ).id;
  const inbox = await seedBotAndChannel(tenants.sequelize, workspaceId);
  await seedConversations(tenants.sequelize, inbox, {
    conversations: 1,
    messagesPerConversation: 2,
  });
  const conversation = (
    await owner.get<{ items: { id: string; customer: { id: string } }[] }>('/api/v1/conversations')
  ).body.items[0];

  // A received mail's parts on B's first message: its original HTML and an attachment.
  const [message] = (
    await owner.get<{ items: { id: string }[] }>(
      `/api/v1/conversations/${conversation.id}/messages`,
    )
  ).body.items;
  const storage = gateway.app.get<FileStorage>(STORAGE);
  const partKey = `email/${workspaceId}/${inbox.channelId}`;
  await storage.put(`${partKey}/html/b.html`, Buffer.from('<p>B</p>'), 'text/html');
  await storage.put(`${partKey}/files/b`, Buffer.from('B receipt'), 'application/pdf');
  await scope.models.Message.update(
    {
      metadata: { email: { via: 'smtp', subject: 'B', htmlKey: `${partKey}/html/b.html` } },
      attachments: [{ type: 'file', url: `storage:${partKey}/files/b`, name: 'b.pdf' }],
    },
    { where: { id: message!.id } },
  );
  // B reaches both, so A's 404s below are isolation, not absence.
  const parts = `/api/v1/conversations/${conversation.id}/messages/${message!.id}`;
  ok(await owner.get(`${parts}/email-original`), 'email original');
  const ownFile = await owner.fetchRaw(`${parts}/attachments/0`);
  if (ownFile.status !== 200) throw new Error(`B's attachment: ${ownFile.status}`);

  await signInAsNewMember(gateway, workspaceId, 'agent');
  const members = (await owner.get<{ items: { id: string; role: string }[] }>('/api/v1/members'))
    .body.items;
  const member = members.find((m) => m.role === 'agent')!.id;
  const invitation = ok(
    await owner.post<{ id: string }>('/api/v1/invitations', {
      email: `invitee-${randomBytes(3).toString('hex')}@example.test`,
      role: 'agent',
    }),
    'invitation',
  ).id;
  const apiKey = ok(
    await owner.post<{ id: string }>('/api/v1/api-keys', { name: 'B key' }),
    'api key',
  ).id;
  const ticket = (
    await scope.models.Ticket.create({
      workspaceId,
      conversationId: conversation.id,
      subject: 'B ticket',
    })
  ).id;

  // Work of B's set aside, as a worker that gave up on it would.
  const deadLetter = (
    await gateway.app
      .get(DeadLetterStore)
      .setAside(await gateway.app.get(TenantConnections).scope(workspaceId), {
        source: 'inbound',
        reason: 'refused by the database',
        attempts: 3,
        payload: { text: 'B' },
      })
  ).id;

  const all: Verb[] = ['GET', 'PATCH', 'DELETE'];
  const probes: Probe[] = [
    {
      route: '/api/v1/bots/{}',
      path: `/api/v1/bots/${bot}`,
      verbs: all,
      body: { name: 'hijacked' },
    },
    {
      route: '/api/v1/bots/{}/rotate-public-key',
      path: `/api/v1/bots/${bot}/rotate-public-key`,
      verbs: ['POST'],
    },
    {
      route: '/api/v1/bots/{}/identity-secret',
      path: `/api/v1/bots/${bot}/identity-secret`,
      verbs: ['POST'],
    },
    {
      route: '/api/v1/channels/{}',
      path: `/api/v1/channels/${channel}`,
      verbs: all,
      body: { name: 'hijacked' },
    },
    {
      route: '/api/v1/channels/{}/rotate-webhook-secret',
      path: `/api/v1/channels/${channel}/rotate-webhook-secret`,
      verbs: ['POST'],
    },
    {
      route: '/api/v1/bots/{}/faqs',
      path: `/api/v1/bots/${bot}/faqs`,
      verbs: ['GET', 'POST'],
      body: { question: 'x?', answer: 'y' },
    },
    {
      route: '/api/v1/bots/{}/faqs/{}',
      path: `/api/v1/bots/${bot}/faqs/${faq}`,
      verbs: all,
      body: { answer: 'hijacked' },
    },
    {
      route: '/api/v1/bots/{}/snippets',
      path: `/api/v1/bots/${bot}/snippets`,
      verbs: ['GET', 'POST'],
      body: { title: 'x', content: 'y' },
    },
    {
      route: '/api/v1/bots/{}/snippets/{}',
      path: `/api/v1/bots/${bot}/snippets/${snippet}`,
      verbs: all,
      body: { content: 'hijacked' },
    },
    { route: '/api/v1/bots/{}/sources', path: `/api/v1/bots/${bot}/sources`, verbs: ['GET'] },
    {
      route: '/api/v1/bots/{}/sources/websites',
      path: `/api/v1/bots/${bot}/sources/websites`,
      verbs: ['POST'],
      body: { url: 'https://evil.example.com/' },
    },
    {
      route: '/api/v1/bots/{}/sources/{}',
      path: `/api/v1/bots/${bot}/sources/${source}`,
      verbs: ['GET', 'DELETE'],
    },
    {
      route: '/api/v1/bots/{}/sources/{}/recrawl',
      path: `/api/v1/bots/${bot}/sources/${source}/recrawl`,
      verbs: ['POST'],
    },
    {
      route: '/api/v1/bots/{}/sources/{}/reprocess',
      path: `/api/v1/bots/${bot}/sources/${docSource.id}/reprocess`,
      verbs: ['POST'],
    },
    {
      route: '/api/v1/bots/{}/playground',
      path: `/api/v1/bots/${bot}/playground`,
      verbs: ['POST'],
      body: { question: 'What do you know?' },
    },
    {
      route: '/api/v1/bots/{}/knowledge-search',
      path: `/api/v1/bots/${bot}/knowledge-search`,
      verbs: ['POST'],
      body: { query: 'anything' },
    },
    {
      route: '/api/v1/bots/{}/documents',
      path: `/api/v1/bots/${bot}/documents`,
      verbs: ['GET', 'POST'],
    },
    {
      route: '/api/v1/bots/{}/documents/{}',
      path: `/api/v1/bots/${bot}/documents/${document}`,
      verbs: ['GET', 'DELETE'],
    },
    {
      route: '/api/v1/customers/{}',
      path: `/api/v1/customers/${conversation.customer.id}`,
      verbs: all,
      body: { name: 'hijacked' },
    },
    {
      route: '/api/v1/conversations/{}',
      path: `/api/v1/conversations/${conversation.id}`,
      verbs: ['GET'],
    },
    {
      route: '/api/v1/conversations/{}/messages',
      path: `/api/v1/conversations/${conversation.id}/messages`,
      verbs: ['GET', 'POST'],
      body: { text: 'hijacked' },
    },
    ...['takeover', 'handback', 'close', 'reopen'].map((action) => ({
      route: `/api/v1/conversations/{}/${action}`,
      path: `/api/v1/conversations/${conversation.id}/${action}`,
      verbs: ['POST'] as Verb[],
    })),
    {
      route: '/api/v1/conversations/{}/messages/{}/email-original',
      path: `/api/v1/conversations/${conversation.id}/messages/${message!.id}/email-original`,
      verbs: ['GET'],
    },
    {
      route: '/api/v1/conversations/{}/messages/{}/attachments/{}',
      path: `/api/v1/conversations/${conversation.id}/messages/${message!.id}/attachments/0`,
      verbs: ['GET'],
    },
    {
      route: '/api/v1/conversations/{}/context',
      path: `/api/v1/conversations/${conversation.id}/context`,
      verbs: ['GET'],
    },
    {
      route: '/api/v1/members/{}',
      path: `/api/v1/members/${member}`,
      verbs: all,
      body: { availability: 'online' },
    },
    {
      route: '/api/v1/invitations/{}',
      path: `/api/v1/invitations/${invitation}`,
      verbs: ['DELETE'],
    },
    { route: '/api/v1/api-keys/{}', path: `/api/v1/api-keys/${apiKey}`, verbs: ['DELETE'] },
    {
      route: '/api/v1/tickets/{}',
      path: `/api/v1/tickets/${ticket}`,
      verbs: ['GET', 'PATCH'],
      body: { priority: 'low' },
    },
    {
      route: '/api/v1/tickets/{}/assign',
      path: `/api/v1/tickets/${ticket}/assign`,
      verbs: ['POST'],
      body: { assigneeId: null },
    },
    { route: '/api/v1/tickets/{}/claim', path: `/api/v1/tickets/${ticket}/claim`, verbs: ['POST'] },
    {
      route: '/api/v1/tickets/{}/notes',
      path: `/api/v1/tickets/${ticket}/notes`,
      verbs: ['GET', 'POST'],
      body: { text: 'hijacked' },
    },
    {
      route: '/api/v1/tickets/{}/history',
      path: `/api/v1/tickets/${ticket}/history`,
      verbs: ['GET'],
    },
    // Flags evaluated for another workspace's bot.
    { route: '/api/v1/flags', path: `/api/v1/flags?botId=${bot}`, verbs: ['GET'] },
  ];
  const listings: Listing[] = [
    { route: '/api/v1/bots', path: '/api/v1/bots?limit=100', id: bot },
    { route: '/api/v1/channels', path: '/api/v1/channels?limit=100', id: channel },
    {
      route: '/api/v1/customers',
      path: '/api/v1/customers?limit=100',
      id: conversation.customer.id,
    },
    {
      route: '/api/v1/conversations',
      path: '/api/v1/conversations?limit=100',
      id: conversation.id,
    },
    { route: '/api/v1/members', path: '/api/v1/members?limit=100', id: member },
    { route: '/api/v1/invitations', path: '/api/v1/invitations?limit=100', id: invitation },
    { route: '/api/v1/api-keys', path: '/api/v1/api-keys?limit=100', id: apiKey },
    { route: '/api/v1/tickets', path: '/api/v1/tickets?limit=100', id: ticket },
    { route: '/api/v1/dead-letters', path: '/api/v1/dead-letters?limit=100', id: deadLetter },
  ];
  const snapshots = [
    // JSON answers only (a file's bytes are checked where it is created).
    ...probes
      .filter((p) => p.verbs.includes('GET') && !p.route.endsWith('/attachments/{}'))
      .map((p) => p.path),
    ...listings.map((l) => l.path),
    '/api/v1/workspace',
  ];
  return { probes, listings, snapshots };
}

async function attemptsThatLeaked(attacker: ApiClient, fixture: Fixture): Promise<string[]> {
  const leaks: string[] = [];
  for (const probe of fixture.probes) {
    for (const verb of probe.verbs) {
      const body = verb === 'PATCH' || verb === 'POST' ? (probe.body ?? {}) : undefined;
      const res = await attacker.request<Record<string, unknown>>(verb, probe.path, body);
      if (res.status !== 404) leaks.push(`${verb} ${probe.route} answered ${res.status}`);
    }
  }
  for (const listing of fixture.listings) {
    const res = await attacker.get<{ items: { id: string }[] }>(listing.path);
    if (res.body.items?.some((item) => item.id === listing.id))
      leaks.push(`GET ${listing.route} lists B's ${listing.id}`);
  }
  return leaks;
}

const snapshot = async (owner: ApiClient, paths: string[]): Promise<Record<string, unknown>> => {
  const answers: Record<string, unknown> = {};
  for (const path of paths) answers[path] = (await owner.get(path)).body;
  return answers;
};

describe('tenant isolation across every tenant-scoped route', () => {
  let gateway: BootedService;
  let a: ApiClient;
  let b: ApiClient;
  let fixture: Fixture;

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    a = await ApiClient.signUp(gateway.url);
    b = await ApiClient.signUp(gateway.url);
    // A owns data of its own too, so "empty" cannot pass for "isolated".
    await a.post('/api/v1/bots', { name: 'A bot' });
    fixture = await createWorkspaceB(gateway, b);
  });

  afterAll(async () => {
    const tenants = gateway.app.get(TenantConnections);
    const workspace = await tenants.control.Workspace.findByPk(b.session!.workspaceId);
    if (workspace?.databaseName) {
      await tenants.release(workspace.databaseName);
      await new TenantRelocator(tenants.sequelize, gateway.config.database.url).moveToShared(
        workspace.id,
      );
    }
    await gateway.close();
  });

  it('covers every parameterised route of the API', async () => {
    const docs = await new ApiClient(gateway.url).get<{ paths: Record<string, object> }>(
      '/api/docs-json',
    );
    const covered = new Set([
      ...fixture.probes.map((p) => p.route),
      ...fixture.listings.map((l) => l.route),
      ...CALLER_SCOPED,
    ]);
    const routes = Object.keys(docs.body.paths)
      .filter((r) => r.startsWith('/api/v1/'))
      .map(normalise);
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
  });

  it.each(['shared', 'dedicated'] as const)('holds with B in the %s database', async (mode) => {
    if (mode === 'dedicated') {
      const tenants = gateway.app.get(TenantConnections);
      await new TenantRelocator(tenants.sequelize, gateway.config.database.url).moveToDedicated(
        b.session!.workspaceId,
      );
      tenants.invalidate(b.session!.workspaceId);
      expect((await tenants.scope(b.session!.workspaceId)).mode).toBe('dedicated');
    }
    const before = await snapshot(b, fixture.snapshots);
    expect(await attemptsThatLeaked(a, fixture)).toEqual([]);
    expect(await snapshot(b, fixture.snapshots)).toEqual(before);
    // A's own workspace settings change A only.
    expect((await a.patch('/api/v1/workspace', { name: `A renamed in ${mode}` })).status).toBe(200);
    expect((await b.get<{ name: string }>('/api/v1/workspace')).body.name).not.toContain(
      'A renamed',
    );
  });
});
