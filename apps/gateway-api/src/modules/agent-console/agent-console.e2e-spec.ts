import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { Redis } from 'ioredis';
import { agentPresenceKeys, serviceUrlEnvVar } from '@cxgenie/contracts';
import {
  addSnippet,
  ApiClient,
  type BootedService,
  bootService,
  eventually,
  sharedQueuePrefix,
  type SpawnedService,
  spawnService,
  TEST_REDIS_URL,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** ApiClient.signUp's password. */
const PASSWORD = 'correct horse battery staple';
/** The machine is shared and slow: waits are generous, and end as soon as they are met. */
const WAIT_MS = 30_000;
jest.setTimeout(240_000);

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

/** Page errors and console errors (a CSP violation is one) of a page, to assert there are none. */
const watchProblems = (page: Page, problems: string[], label: string) => {
  page.on('pageerror', (error) => problems.push(`${label} page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${label} console: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`${label} dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
};

describe('agent console, in headless Chromium', () => {
  let coreAi: SpawnedService;
  let gateway: BootedService;
  let browser: Browser;
  let owner: ApiClient;
  let email: string;
  let botKey: string;
  let userId: string;
  let queuePrefix: string;
  let redis: Redis;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: run \`bash scripts/ensure-chromium.sh\` (as root)`);
    const QUEUE_PREFIX = sharedQueuePrefix();
    queuePrefix = QUEUE_PREFIX;
    redis = new Redis(TEST_REDIS_URL);
    [coreAi, browser] = await Promise.all([
      spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '0', QUEUE_PREFIX }),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }),
    ]);
    gateway = await bootService(gatewayApiService, {
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      QUEUE_PREFIX,
    });
    const name = `console-${randomBytes(4).toString('hex')}`;
    email = `${name}@example.test`;
    owner = await ApiClient.signUp(gateway.url, name);
    userId = (await owner.get<{ user: { id: string } }>('/api/v1/auth/me')).body.user.id;
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: 'Northwind helper',
      typeReplyUnknown: 'NO_REPLY',
    });
    expect(bot.status).toBe(201);
    botKey = bot.body.publicKey;
    await addSnippet(owner, coreAi.url, bot.body.id, RETURNS_POLICY);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    redis?.disconnect();
    await gateway?.close();
    await coreAi?.close();
  });

  const newPage = async () => {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  };

  const signIn = async (page: Page) => {
    await page.goto(`${gateway.url}/console`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('app').waitFor({ state: 'visible', timeout: WAIT_MS });
    await eventually(
      async () =>
        expect(await page.getByTestId('socket-status').getAttribute('data-state')).toBe('live'),
      WAIT_MS,
    );
  };

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

  it('an agent gets the stuck conversation live, sees what the bot tried, takes over, replies, closes; the customer rates it', async () => {
    const problems: string[] = [];
    const agent = await newPage();
    const customer = await newPage();
    watchProblems(agent, problems, 'console');
    watchProblems(customer, problems, 'widget');

    await signIn(agent);
    expect(await agent.getByTestId('tab-attention').getAttribute('aria-selected')).toBe('true');
    await openWidget(customer);

    const askedAt = Date.now();
    await askInWidget(customer, STUMPER);
    // Live, without a reload: the conversation shows up under "Needs attention".
    const item = agent.locator('[data-testid="inbox-item"][data-attention="true"]');
    await item.first().waitFor({ timeout: WAIT_MS });
    const noticedMs = Date.now() - askedAt;
    console.log(`console showed the stuck conversation ${noticedMs} ms after the customer asked`);
    expect(await item.count()).toBe(1);
    const conversationId = (await item.first().getAttribute('data-conversation-id'))!;
    expect(await item.first().textContent()).toContain(STUMPER);

    await item.first().click();
    await agent.getByTestId('conversation').waitFor({ state: 'visible' });
    expect(await agent.getByTestId('attempt-question').textContent()).toBe(STUMPER);
    expect((await agent.getByTestId('attempt-answer').textContent())!.length).toBeGreaterThan(0);
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

    await agent.getByTestId('action-takeover').click();
    await eventually(async () => {
      expect(await agent.getByTestId('conv-status').getAttribute('data-status')).toBe('human');
      expect(await agent.getByTestId('conv-assignee').textContent()).toBe('Assigned to you');
    }, WAIT_MS);

    const answer = 'Hi, Ana here. We do not take crypto yet, but cards and PayPal work.';
    await agent.getByTestId('reply-input').fill(answer);
    await agent.getByTestId('reply-send').click();
    const delivered = customer.locator('[data-testid="cxg-message"][data-sender="agent"]');
    await delivered.waitFor({ timeout: WAIT_MS });
    expect(await delivered.getByTestId('cxg-message-text').textContent()).toBe(answer);
    expect(await delivered.getAttribute('data-seq')).toBe('2');
    await agent
      .locator('[data-testid="transcript-message"][data-sender="agent"]')
      .waitFor({ timeout: WAIT_MS });
    expect(await agent.getByTestId('reply-input').inputValue()).toBe('');
    // Answered and assigned to this agent: no longer waiting for anyone, now under "Mine".
    const attentionCount = agent.locator('[data-count="attention"]');
    await eventually(async () => {
      expect(await attentionCount.textContent()).toBe('0');
      expect(await agent.locator('[data-count="mine"]').textContent()).toBe('1');
    }, WAIT_MS);
    if (process.env.CONSOLE_SCREENSHOT) {
      await agent.setViewportSize({ width: 1280, height: 720 });
      await agent.screenshot({ path: process.env.CONSOLE_SCREENSHOT });
      await customer.screenshot({ path: `${process.env.CONSOLE_SCREENSHOT}.widget.png` });
    }

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
    if (process.env.CONSOLE_SCREENSHOT)
      await customer.screenshot({ path: `${process.env.CONSOLE_SCREENSHOT}.csat.png` });
    await options.nth(3).click();
    await customer.getByTestId('cxg-csat-thanks').waitFor({ timeout: WAIT_MS });
    await eventually(
      async () =>
        expect(await agent.getByTestId('conv-csat').getAttribute('data-rating')).toBe('4'),
      WAIT_MS,
    );
    const context = await owner.get<{ csat: { rating: number; agentId: string } }>(
      `/api/v1/conversations/${conversationId}/context`,
    );
    expect(context.body.csat.rating).toBe(4);

    // Reopen and hand back to the bot.
    await agent.getByTestId('action-reopen').click();
    await eventually(
      async () =>
        expect(await agent.getByTestId('conv-status').getAttribute('data-status')).toBe('human'),
      WAIT_MS,
    );
    await agent.getByTestId('action-handback').click();
    await eventually(async () => {
      expect(await agent.getByTestId('conv-status').getAttribute('data-status')).toBe('bot');
      expect(await agent.getByTestId('conv-assignee').textContent()).toBe('Unassigned');
    }, WAIT_MS);
    // Back with the bot, and no longer anybody's: it does not call for attention again.
    expect(await attentionCount.textContent()).toBe('0');

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

    expect(problems).toEqual([]);
  });

  it('serves the console with a strict CSP, refuses a wrong password, and shows hostile text as text', async () => {
    const res = await fetch(`${gateway.url}/console`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await res.text();
    expect(html).toContain(`<style nonce="${nonce}">`);
    expect(html).not.toMatch(/<script>/);
    const script = await fetch(`${gateway.url}/console/agent-console.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('application/javascript; charset=utf-8');

    const problems: string[] = [];
    const agent = await newPage();
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
    expect(await agent.getByTestId('app').isHidden()).toBe(true);

    await signIn(agent);
    await agent.getByTestId('tab-all').click();
    const customer = await newPage();
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
