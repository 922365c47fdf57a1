import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { agentPresenceKeys, serviceUrlEnvVar } from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  type SpawnedService,
  TEST_REDIS_URL,
  addSnippet,
  bootService,
  eventually,
  sharedQueuePrefix,
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../src/gateway-api.service';
import {
  BrowserSessions,
  PASSWORD,
  WAIT_MS,
  capture,
  ensureDashboardBuilt,
  launchBrowser,
  signIn,
  watchProblems,
} from './browser';

jest.setTimeout(300_000);

const RETURNS_POLICY = {
  title: 'Returns policy',
  content: [
    'Returns policy. Unused items can be returned within 30 days of delivery for a full refund.',
    'Start a return from the Orders page of your account and print the prepaid shipping label.',
    'Refunds reach the original payment method within 5 business days after the parcel arrives at our warehouse.',
  ].join('\n\n'),
};
/** The knowledge does not cover it, so the NO_REPLY bot stays silent and calls for a human. */
const STUMPER = 'Can I pay for my order with cryptocurrency like bitcoin?';

/**
 * The inbox that replaced the agent console: the console's behaviour (live stuck conversations,
 * the bot's attempt, take over, reply, close, CSAT, reopen, hand back, availability, a strict
 * CSP, hostile text shown as text), with a second agent on a phone watching it all live.
 */
describe('dashboard inbox, in headless Chromium', () => {
  let coreAi: SpawnedService;
  let gateway: BootedService;
  let browser: Browser;
  let sessions: BrowserSessions;
  let owner: ApiClient;
  let email: string;
  let ownerName: string;
  let secondEmail: string;
  let botKey: string;
  let userId: string;
  let queuePrefix: string;
  let redis: Redis;

  beforeAll(async () => {
    ensureDashboardBuilt();
    queuePrefix = sharedQueuePrefix();
    redis = new Redis(TEST_REDIS_URL);
    [coreAi, browser] = await Promise.all([
      spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '0', QUEUE_PREFIX: queuePrefix }),
      launchBrowser(),
    ]);
    gateway = await bootService(gatewayApiService, {
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      QUEUE_PREFIX: queuePrefix,
    });
    sessions = new BrowserSessions(browser);
    const name = `inbox-${randomBytes(4).toString('hex')}`;
    email = `${name}@example.test`;
    ownerName = name;
    owner = await ApiClient.signUp(gateway.url, name);
    userId = (await owner.get<{ user: { id: string } }>('/api/v1/auth/me')).body.user.id;
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: 'Northwind helper',
      typeReplyUnknown: 'NO_REPLY',
    });
    expect(bot.status).toBe(201);
    botKey = bot.body.publicKey;
    await addSnippet(owner, coreAi.url, bot.body.id, RETURNS_POLICY);
    // A second agent, invited and joined as a person would.
    secondEmail = `${name}-grace@example.test`;
    const invitation = await owner.post<{ token: string }>('/api/v1/invitations', {
      email: secondEmail,
      role: 'agent',
    });
    const accepted = await new ApiClient(gateway.url).post('/api/v1/invitations/accept', {
      token: invitation.body.token,
      name: 'Grace Agent',
      password: PASSWORD,
    });
    expect(accepted.status).toBe(200);
  });

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    redis?.disconnect();
    await gateway?.close();
    await coreAi?.close();
  });

  const openWidget = async (page: Page) => {
    await page.goto(`${gateway.url}/widget/demo?botKey=${encodeURIComponent(botKey)}`);
    await page.getByTestId('cxg-launcher').click();
    await page.getByTestId('cxg-panel').waitFor({ state: 'visible' });
  };

  const askInWidget = async (page: Page, text: string) => {
    const input = page.getByTestId('cxg-input');
    await input.fill(text);
    await eventually(
      async () => expect(await page.getByTestId('cxg-send').isEnabled()).toBe(true),
      WAIT_MS,
    );
    await input.press('Enter');
    await page
      .locator('[data-testid="cxg-message"][data-sender="customer"]')
      .last()
      .waitFor({ timeout: WAIT_MS });
  };

  it('an agent gets the stuck conversation live, sees what the bot tried, takes over, replies, closes; a second agent on a phone follows live; the customer rates it', async () => {
    const problems: string[] = [];
    const a11y: string[] = [];
    const agent = await sessions.page();
    const second = await sessions.page({ width: 390, height: 844 });
    const customer = await sessions.page();
    watchProblems(agent, problems, 'inbox');
    watchProblems(second, problems, 'second inbox');
    watchProblems(customer, problems, 'widget');

    await Promise.all([
      signIn(agent, gateway.url, email),
      signIn(second, gateway.url, secondEmail),
    ]);
    expect(await agent.getByTestId('tab-attention').getAttribute('aria-selected')).toBe('true');
    await capture(agent, 'inbox-empty', a11y);
    await openWidget(customer);

    const askedAt = Date.now();
    await askInWidget(customer, STUMPER);
    // Live, without a reload, in both inboxes: the conversation shows up under "Needs attention".
    const item = agent.locator('[data-testid="inbox-item"][data-attention="true"]');
    const secondItem = second.locator('[data-testid="inbox-item"][data-attention="true"]');
    await item.first().waitFor({ timeout: WAIT_MS });
    console.log(
      `inbox showed the stuck conversation ${Date.now() - askedAt} ms after the customer asked`,
    );
    await secondItem.first().waitFor({ timeout: WAIT_MS });
    expect(await item.count()).toBe(1);
    const conversationId = (await item.first().getAttribute('data-conversation-id'))!;
    expect(await item.first().textContent()).toContain(STUMPER);

    await item.first().click();
    await agent.getByTestId('conversation').waitFor({ state: 'visible' });
    expect(await agent.getByTestId('attempt-question').textContent()).toBe(STUMPER);
    // Handed off on the decision (ADR 0045): the attempt follows, live.
    const attemptAnswer = agent.locator('[data-testid="attempt-answer"][data-pending="false"]');
    await attemptAnswer.waitFor({ timeout: WAIT_MS });
    expect((await attemptAnswer.textContent())!.length).toBeGreaterThan(0);
    // Why the bot did not answer: its score under the bot's threshold, and the evidence.
    const why = agent.getByTestId('bot-attempt').getByTestId('answer-why');
    await why.locator('summary').click();
    expect(Number(await why.getAttribute('data-score'))).toBeLessThan(
      Number(await why.getAttribute('data-threshold')),
    );
    expect(await why.getByTestId('why-feature').count()).toBeGreaterThan(2);
    expect((await why.getByTestId('why-reason').textContent())!.length).toBeGreaterThan(0);
    const sources = await agent.getByTestId('attempt-source').allTextContents();
    expect(sources.length).toBeGreaterThan(0);
    expect(sources[0]).toContain('Returns policy');
    await eventually(async () =>
      expect(
        await agent
          .locator('[data-testid="transcript-message"]')
          .evaluateAll((els) =>
            els.map((e) => [e.getAttribute('data-sender'), e.getAttribute('data-seq')]),
          ),
      ).toEqual([['customer', '1']]),
    );
    // The customer saw nothing from the bot.
    expect(await customer.locator('[data-testid="cxg-message"][data-sender="bot"]').count()).toBe(
      0,
    );
    await capture(agent, 'inbox-conversation', a11y);

    // The second agent, on a phone, opens it too: the list gives way to the conversation.
    await secondItem.first().click();
    await second.getByTestId('conversation').waitFor({ state: 'visible' });
    expect(await second.getByTestId('inbox-list').isVisible()).toBe(false);
    expect(await second.getByRole('button', { name: '← Inbox' }).isVisible()).toBe(true);

    // Take over with the keyboard shortcut.
    await agent.locator('body').press('t');
    await eventually(async () => {
      expect(await agent.getByTestId('conv-status').getAttribute('data-status')).toBe('human');
      expect(await agent.getByTestId('conv-assignee').textContent()).toBe('Assigned to you');
    }, WAIT_MS);
    // The second agent sees who has it, live.
    await eventually(async () => {
      expect(await second.getByTestId('conv-status').getAttribute('data-status')).toBe('human');
      expect(await second.getByTestId('conv-assignee').textContent()).toBe(
        `Assigned to ${ownerName}`,
      );
    }, WAIT_MS);
    await capture(second, 'inbox-phone-conversation', a11y);

    // Typing shows on the customer's side.
    const answer = 'Hi, Ana here. We do not take crypto yet, but cards and PayPal work.';
    await agent.getByTestId('reply-input').pressSequentially('Hi', { delay: 20 });
    await customer.getByTestId('cxg-typing').waitFor({ state: 'visible', timeout: WAIT_MS });
    await agent.getByTestId('reply-input').fill(answer);
    await agent.getByTestId('reply-input').press('Control+Enter');
    const delivered = customer.locator('[data-testid="cxg-message"][data-sender="agent"]');
    await delivered.waitFor({ timeout: WAIT_MS });
    expect(await delivered.getByTestId('cxg-message-text').textContent()).toBe(answer);
    expect(await delivered.getAttribute('data-seq')).toBe('2');
    await agent
      .locator('[data-testid="transcript-message"][data-sender="agent"]')
      .waitFor({ timeout: WAIT_MS });
    expect(await agent.getByTestId('reply-input').inputValue()).toBe('');
    // The second agent's transcript has the reply too.
    await second
      .locator('[data-testid="transcript-message"][data-sender="agent"]')
      .waitFor({ timeout: WAIT_MS });
    // Answered and assigned to this agent: no longer waiting for anyone, now under "Mine".
    const attentionCount = agent.locator('[data-count="attention"]');
    await eventually(async () => {
      expect(await attentionCount.textContent()).toBe('0');
      expect(await agent.locator('[data-count="mine"]').textContent()).toBe('1');
      expect(await second.locator('[data-count="attention"]').textContent()).toBe('0');
    }, WAIT_MS);

    // An internal note needs the conversation's ticket; without one the inbox says so.
    await agent.getByTestId('note-input').fill('Customer asked about crypto twice.');
    await agent.getByTestId('note-send').click();
    expect(await agent.getByTestId('note-status').textContent()).toBe(
      'This conversation has no ticket yet; notes go on its ticket.',
    );

    await agent.getByTestId('action-close').click();
    await eventually(
      async () =>
        expect(await agent.getByTestId('conv-status').getAttribute('data-status')).toBe('closed'),
      WAIT_MS,
    );
    // The widget asks for a rating inline; the customer taps 4.
    await customer.getByTestId('cxg-csat').waitFor({ timeout: WAIT_MS });
    const options = customer.getByTestId('cxg-csat-option');
    expect(await options.allTextContents()).toEqual(['1', '2', '3', '4', '5']);
    await options.nth(3).click();
    await customer.getByTestId('cxg-csat-thanks').waitFor({ timeout: WAIT_MS });
    await eventually(
      async () =>
        expect(await agent.getByTestId('conv-csat').getAttribute('data-rating')).toBe('4'),
      WAIT_MS,
    );
    const context = await owner.get<{ csat: { rating: number } }>(
      `/api/v1/conversations/${conversationId}/context`,
    );
    expect(context.body.csat.rating).toBe(4);

    // Reopen (shortcut o) and hand back to the bot (shortcut b).
    await agent.locator('body').press('o');
    await eventually(
      async () =>
        expect(await agent.getByTestId('conv-status').getAttribute('data-status')).toBe('human'),
      WAIT_MS,
    );
    await agent.locator('body').press('b');
    await eventually(async () => {
      expect(await agent.getByTestId('conv-status').getAttribute('data-status')).toBe('bot');
      expect(await agent.getByTestId('conv-assignee').textContent()).toBe('Unassigned');
    }, WAIT_MS);
    // Back with the bot, and no longer anybody's: it does not call for attention again.
    expect(await attentionCount.textContent()).toBe('0');

    // The bot answers the next question; the agent sees why, under its message.
    await askInWidget(customer, 'How many days do I have to return unused items?');
    const botMessage = agent.locator('[data-testid="transcript-message"][data-sender="bot"]');
    const answerWhy = botMessage.last().getByTestId('answer-why');
    await answerWhy.waitFor({ timeout: WAIT_MS });
    expect(await botMessage.last().getByTestId('transcript-text').textContent()).toContain(
      '30 days',
    );
    await answerWhy.locator('summary').click();
    expect(Number(await answerWhy.getAttribute('data-score'))).toBeGreaterThanOrEqual(
      Number(await answerWhy.getAttribute('data-threshold')),
    );
    expect(await answerWhy.getByTestId('why-feature').count()).toBeGreaterThan(2);

    // The shortcut help opens with ? and is a labelled dialog.
    await agent.locator('body').press('?');
    await agent.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ timeout: WAIT_MS });
    await agent.keyboard.press('Escape');

    // The status switch is the agent's chosen status, a presence fact for the ticket service.
    const status = agent.getByTestId('availability');
    await status.selectOption('idle');
    await eventually(
      async () => expect(await status.getAttribute('data-saved')).toBe('idle'),
      WAIT_MS,
    );
    const presence = agentPresenceKeys(queuePrefix, owner.session!.workspaceId, userId);
    expect(await redis.hget(presence.state, 'status')).toBe('idle');
    expect(await redis.zcard(presence.sockets)).toBeGreaterThan(0);

    // The customer and the tickets pages, for the record and for axe.
    await agent.goto(`${gateway.url}/app/customers`);
    await agent.getByTestId('customers-table').waitFor({ timeout: WAIT_MS });
    await agent.getByTestId('customer-row').first().getByRole('link').click();
    await agent.getByTestId('customer-conversations').waitFor({ timeout: WAIT_MS });
    await capture(agent, 'customers', a11y);
    await agent.goto(`${gateway.url}/app/tickets`);
    await agent.getByRole('heading', { name: 'Tickets' }).waitFor({ timeout: WAIT_MS });
    await capture(agent, 'tickets', a11y);

    expect(a11y).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('serves the app with a strict CSP, /console leads to the inbox, a wrong password is refused, and hostile text shows as text', async () => {
    const res = await fetch(`${gateway.url}/app/inbox`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).not.toMatch(/<script>/);
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(`${gateway.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // An encoded climb out of the build is refused, not served.
    expect((await fetch(`${gateway.url}/app/assets/..%2F..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/app/assets/missing.js`)).status).toBe(404);
    const legacy = await fetch(`${gateway.url}/console`, { redirect: 'manual' });
    expect(legacy.status).toBe(302);
    expect(legacy.headers.get('location')).toBe('/app/inbox');

    const problems: string[] = [];
    const agent = await sessions.page();
    agent.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await agent.goto(`${gateway.url}/console`);
    await agent.getByTestId('login-email').fill(email);
    await agent.getByTestId('login-password').fill('not the password');
    await agent.getByTestId('login-submit').click();
    await agent.getByTestId('login-error').waitFor({ state: 'visible', timeout: WAIT_MS });
    expect(await agent.getByTestId('login-error').textContent()).toBe('Wrong email or password.');
    expect(await agent.getByTestId('app').count()).toBe(0);

    await signIn(agent, gateway.url, email);
    await agent.getByTestId('tab-all').click();
    const customer = await sessions.page();
    await openWidget(customer);
    const hostile = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
    await askInWidget(customer, hostile);
    const item = agent
      .locator('[data-testid="inbox-item"]')
      .filter({ hasText: '<img src=x onerror' });
    await item.waitFor({ timeout: WAIT_MS });
    await item.click();
    await agent
      .locator('[data-testid="transcript-message"][data-sender="customer"]')
      .waitFor({ timeout: WAIT_MS });
    expect(
      await agent
        .locator('[data-testid="transcript-message"][data-sender="customer"]')
        .getByTestId('transcript-text')
        .textContent(),
    ).toBe(hostile);
    expect(await agent.locator('img').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
