import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { QueryTypes, type Sequelize } from 'sequelize';
import { ConversationIntakeStore } from '@cxgenie/conversations';
import { TenantConnections } from '@cxgenie/database';
import { type FileStorage, STORAGE } from '@cxgenie/storage';
import {
  ApiClient,
  type BootedService,
  bootService,
  eventually,
  seedConversations,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../src/gateway-api.service';
import { BrowserSessions, WAIT_MS, ensureDashboardBuilt, launchBrowser, signIn } from './browser';

jest.setTimeout(300_000);

/** A received attachment's bytes, as the email service stores them. */
const RECEIPT = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(20_000)]);
const HOSTILE_HTML_FILE = Buffer.from('<script>document.title = "PWNED"</script>');

const HOSTILE_SUBJECT = 'Refund <img src=x onerror="document.title=\'PWNED\'">';

/**
 * A received mail in the inbox: the agent sees who wrote, the subject, the attachments and the
 * quoted history the bot never saw, and the original HTML in a frame that runs nothing and loads
 * nothing, however hostile the HTML.
 */
describe('an email message in the dashboard inbox, in headless Chromium', () => {
  let gateway: BootedService;
  let browser: Browser;
  let sessions: BrowserSessions;
  let sequelize: Sequelize;
  let tracker: Server;
  const trackerHits: string[] = [];
  let name: string;
  let conversationId: string;
  let messageId: string;
  let owner: ApiClient;

  beforeAll(async () => {
    ensureDashboardBuilt();
    tracker = createServer((req, res) => {
      trackerHits.push(req.url ?? '');
      res.end('');
    });
    await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
    const trackerUrl = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    gateway = await bootService(gatewayApiService);
    sessions = new BrowserSessions(browser);
    sequelize = gateway.app.get(TenantConnections).sequelize;
    name = `mail-${randomBytes(4).toString('hex')}`;
    owner = await ApiClient.signUp(gateway.url, name);
    // An email channel, made as a business makes one: the channel type whose replies carry files.
    const bot = await owner.post<{ id: string }>('/api/v1/bots', { name: 'Mail bot' });
    const channel = await owner.post<{ id: string }>('/api/v1/channels', {
      type: 'email',
      name: 'Support mail',
      botId: bot.body.id,
      settings: { addresses: [`${name}@acme.test`] },
    });
    expect(channel.status).toBe(201);
    const fixture = {
      workspaceId: owner.session!.workspaceId,
      botId: bot.body.id,
      channelId: channel.body.id,
    };
    // A conversation an agent has taken over, so the mail below waits for a person, not the bot.
    await seedConversations(sequelize, fixture, { conversations: 1, messagesPerConversation: 0 });
    const [conversation] = await sequelize.query<{ id: string }>(
      `SELECT id FROM conversations WHERE workspace_id = :workspaceId LIMIT 1`,
      { replacements: { workspaceId: fixture.workspaceId }, type: QueryTypes.SELECT },
    );
    conversationId = conversation.id;
    const htmlKey = `email/${fixture.workspaceId}/${fixture.channelId}/html/${randomBytes(8).toString('hex')}.html`;
    const html = [
      '<p>My parcel <b>never arrived</b>.</p>',
      '<script>top.document.title = "PWNED"; window.parent.postMessage("pwned", "*")</script>',
      `<img src="${trackerUrl}/pixel.gif" width="1" height="1">`,
      '<img src="x" onerror="top.document.title = \'PWNED2\'">',
      `<link rel="stylesheet" href="${trackerUrl}/style.css">`,
      `<form action="${trackerUrl}/steal"><input name="q" value="1"></form>`,
    ].join('');
    const storage = gateway.app.get<FileStorage>(STORAGE);
    await storage.put(htmlKey, Buffer.from(html), 'text/html');
    const fileKey = (name: string) =>
      `email/${fixture.workspaceId}/${fixture.channelId}/files/${name}-${randomBytes(8).toString('hex')}`;
    const receiptKey = fileKey('receipt');
    const pageKey = fileKey('page');
    await storage.put(receiptKey, RECEIPT, 'application/pdf');
    await storage.put(pageKey, HOSTILE_HTML_FILE, 'text/html');
    // The mail is stored the way a channel stores one: through the conversation owner's intake.
    const scope = await gateway.app.get(TenantConnections).scope(fixture.workspaceId);
    const accepted = await new ConversationIntakeStore().acceptCustomerMessage(scope, {
      conversationId,
      text: 'My parcel never arrived.',
      metadata: {
        email: {
          via: 'smtp',
          from: { address: 'jane@example.test', name: 'Jane <script>Doe</script>' },
          subject: HOSTILE_SUBJECT,
          quoted: 'On Mon, Support wrote:\n> Your parcel left our warehouse.',
          signature: '-- \nJane',
          htmlKey,
        },
      },
      attachments: [
        {
          type: 'file',
          url: `storage:${receiptKey}`,
          name: 'receipt.pdf',
          mimeType: 'application/pdf',
          sizeBytes: RECEIPT.length,
        },
        {
          type: 'file',
          url: `storage:${pageKey}`,
          name: 'page.html',
          mimeType: 'text/html',
          sizeBytes: HOSTILE_HTML_FILE.length,
        },
      ],
    });
    if (!accepted) throw new Error('the conversation refused the seeded mail');
    messageId = accepted.id;
  });

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await gateway?.close();
    await new Promise((resolve) => tracker.close(resolve));
  });

  it("shows the mail's sender, subject, attachments and quoted history as text, and its HTML sandboxed", async () => {
    const page = await sessions.page();
    await signIn(page, gateway.url, `${name}@example.test`, `/app/inbox/${conversationId}`);
    const details = page.getByTestId('email-details');
    await details.waitFor({ state: 'visible', timeout: WAIT_MS });
    expect(await page.getByTestId('email-from').textContent()).toBe(
      'From: Jane <script>Doe</script> <jane@example.test>',
    );
    expect(await page.getByTestId('email-subject').textContent()).toBe(
      `Subject: ${HOSTILE_SUBJECT}`,
    );
    expect(await page.getByTestId('email-attachments').textContent()).toBe(
      'receipt.pdf (20 KB)page.html (1 KB)',
    );
    // A name is a link that downloads the stored bytes (with the agent's token).
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: WAIT_MS }),
      page.getByTestId('email-attachment-link').first().click(),
    ]);
    expect(download.suggestedFilename()).toBe('receipt.pdf');
    const saved = await download.path();
    expect(saved && (await readFile(saved)).equals(RECEIPT)).toBe(true);
    // Hostile text stays text: no element was made of it.
    expect(await details.locator('script, img').count()).toBe(0);
    await page.getByTestId('email-quoted').locator('summary').click();
    expect(await page.getByTestId('email-quoted').textContent()).toContain(
      '> Your parcel left our warehouse.',
    );

    await page.getByTestId('email-show-original').click();
    const frame = page.getByTestId('email-original');
    await frame.waitFor({ state: 'visible', timeout: WAIT_MS });
    expect(await frame.getAttribute('sandbox')).toBe('');
    const content = page.frameLocator('[data-testid="email-original"]');
    await eventually(
      async () =>
        expect(await content.locator('body').textContent()).toContain('My parcel never arrived.'),
      WAIT_MS,
    );
    // The socket keeps the page from ever being network-idle: a moment for any load to start.
    await page.waitForTimeout(1_500);
    // Nothing ran (no script, no handler) and nothing was fetched from the sender's servers.
    expect(await page.title()).not.toMatch(/PWNED/);
    expect(trackerHits).toEqual([]);
  });

  it('attaches files to a reply from the composer, and lists them on the sent message', async () => {
    const page = await sessions.page();
    await signIn(page, gateway.url, `${name}@example.test`, `/app/inbox/${conversationId}`);
    await page.getByTestId('reply-input').waitFor({ state: 'visible', timeout: WAIT_MS });
    const invoice = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(5_000)]);
    await page.getByTestId('reply-files').setInputFiles({
      name: 'invoice-1042.pdf',
      mimeType: 'application/pdf',
      buffer: invoice,
    });
    await page.getByTestId('reply-input').fill('Your invoice is attached.');
    await page.getByTestId('reply-send').click();
    const sent = page.locator('[data-sender="agent"]').last();
    await sent.getByTestId('message-attachments').waitFor({ state: 'visible', timeout: WAIT_MS });
    expect(await sent.getByTestId('message-attachments').textContent()).toBe(
      'invoice-1042.pdf (5 KB)',
    );
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: WAIT_MS }),
      sent.getByTestId('email-attachment-link').click(),
    ]);
    expect((await readFile((await download.path())!)).equals(invoice)).toBe(true);
  });

  it("downloads a received attachment's exact bytes, only in the mail's workspace, never as a page", async () => {
    const base = `/api/v1/conversations/${conversationId}/messages/${messageId}/attachments`;
    const receipt = await owner.fetchRaw(`${base}/0`);
    expect(receipt.status).toBe(200);
    expect(Buffer.from(await receipt.arrayBuffer()).equals(RECEIPT)).toBe(true);
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect(receipt.headers.get('content-disposition')).toMatch(
      /^attachment; filename="receipt.pdf"/,
    );
    expect(receipt.headers.get('x-content-type-options')).toBe('nosniff');

    const html = await owner.fetchRaw(`${base}/1`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('application/octet-stream');
    expect(html.headers.get('content-disposition')).toMatch(/^attachment; filename="page.html"/);
    expect(html.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await html.arrayBuffer()).equals(HOSTILE_HTML_FILE)).toBe(true);

    const stranger = await ApiClient.signUp(gateway.url);
    expect((await stranger.fetchRaw(`${base}/0`)).status).toBe(404);
    expect((await owner.fetchRaw(`${base}/2`)).status).toBe(404);
  });

  it("gives the original only to the mail's workspace, and 404 for a message without one", async () => {
    const path = `/api/v1/conversations/${conversationId}/messages/${messageId}/email-original`;
    const mine = await owner.get<{ html: string }>(path);
    expect(mine.status).toBe(200);
    expect(mine.body.html).toContain('My parcel <b>never arrived</b>.');
    const stranger = await ApiClient.signUp(gateway.url);
    expect((await stranger.get(path)).status).toBe(404);
    const other = `/api/v1/conversations/${conversationId}/messages/${randomUUID()}/email-original`;
    expect((await owner.get(other)).status).toBe(404);
  });
});
