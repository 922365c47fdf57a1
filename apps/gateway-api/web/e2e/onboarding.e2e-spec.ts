import { randomBytes } from 'node:crypto';
import { serviceUrlEnvVar } from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  type SpawnedService,
  bootService,
  eventually,
  sharedQueuePrefix,
  spawnService,
} from '@cxgenie/testing';
import type { Browser } from 'playwright-core';
import { gatewayApiService } from '../../src/gateway-api.service';
import { makePdf } from '../../src/modules/knowledge/documents/upload/upload.test-helpers';
import {
  BrowserSessions,
  PASSWORD,
  WAIT_MS,
  capture,
  ensureDashboardBuilt,
  launchBrowser,
  watchProblems,
} from './browser';

jest.setTimeout(300_000);

const MANUAL = [
  'Aurora kettle care guide.',
  'Descaling the Aurora kettle: fill it with equal parts water and white vinegar, boil once, then rinse twice with clean water.',
  'The Aurora kettle warranty lasts two years from the date of purchase and covers the heating element.',
].join('\n\n');

/**
 * A new business, in the browser from sign-up on: creates its bot, drops its manual in and
 * watches it being processed, tries the bot in the playground, copies the widget snippet,
 * connects a channel with a form generated from the adapter's schema; then a visitor on a page
 * with that widget gets an answer taken from the manual.
 */
describe('dashboard onboarding journey, in headless Chromium', () => {
  let coreAi: SpawnedService;
  let loader: SpawnedService;
  let gateway: BootedService;
  let browser: Browser;
  let sessions: BrowserSessions;

  beforeAll(async () => {
    ensureDashboardBuilt();
    const QUEUE_PREFIX = sharedQueuePrefix();
    [coreAi, loader, browser] = await Promise.all([
      spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '0', QUEUE_PREFIX }),
      spawnService('loader', { QUEUE_PREFIX, LOADER_METRICS_PORT: '0' }),
      launchBrowser(),
    ]);
    gateway = await bootService(gatewayApiService, {
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      QUEUE_PREFIX,
    });
    sessions = new BrowserSessions(browser);
  });

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await gateway?.close();
    await loader?.close();
    await coreAi?.close();
  });

  it('takes a new business from sign-up to a widget visitor answered from its uploaded manual', async () => {
    const problems: string[] = [];
    const a11y: string[] = [];
    const page = await sessions.page();
    watchProblems(page, problems, 'dashboard');
    const name = `onboard-${randomBytes(4).toString('hex')}`;
    const email = `${name}@example.test`;

    // Sign up: a bad password is refused at its field, with the API's own words.
    await page.goto(`${gateway.url}/app/signup`);
    await capture(page, 'signup', a11y);
    await page.getByTestId('input-name').fill('Ada Owner');
    await page.getByTestId('input-email').fill(email);
    await page.getByTestId('input-password').fill('short');
    await page.getByTestId('input-workspaceName').fill(`${name} shop`);
    await page.getByTestId('signup-submit').click();
    const passwordError = page.locator('.field-invalid [data-testid="field-error"]');
    await passwordError.waitFor({ timeout: WAIT_MS });
    expect(await passwordError.textContent()).toMatch(/password|10/i);
    await page.getByTestId('input-password').fill(PASSWORD);
    await page.getByTestId('signup-submit').click();

    // 1. The bot.
    await page.getByTestId('onboarding-bot').waitFor({ timeout: WAIT_MS });
    await capture(page, 'onboarding-1-bot', a11y);
    await page.getByTestId('input-name').fill('Kettle helper');
    await page.getByTestId('create-bot-submit').click();

    // 2. Knowledge: the manual is uploaded and processed before our eyes.
    await page.getByTestId('dropzone').waitFor({ timeout: WAIT_MS });
    const started = Date.now();
    await page.getByTestId('file-input').setInputFiles([
      { name: 'aurora-manual.pdf', mimeType: 'application/pdf', buffer: await makePdf(MANUAL) },
      {
        name: 'notes.exe',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from('MZ\x90\x00binary'),
      },
    ]);
    const rows = page.getByTestId('upload-row');
    await eventually(async () => expect(await rows.count()).toBe(2), WAIT_MS);
    // The refused file says why, at its own row; the other goes on.
    const refused = rows.filter({ hasText: 'notes.exe' }).getByTestId('upload-error');
    await refused.waitFor({ timeout: WAIT_MS });
    expect((await refused.textContent())!.length).toBeGreaterThan(10);
    const manualRow = rows.filter({ hasText: 'aurora-manual.pdf' });
    const seen = new Set<string>();
    await eventually(async () => {
      const text = (await manualRow.getByTestId('source-progress').textContent()) ?? '';
      seen.add(text);
      expect(text).toBe('Ready');
    }, 90_000);
    console.log(
      `manual processed ${Date.now() - started} ms after the drop; states seen: ${[...seen].join(' | ')}`,
    );
    const sourceRow = page.locator('[data-testid="source-row"][data-status="ready"]');
    await sourceRow.first().waitFor({ timeout: WAIT_MS });
    expect(Number(await sourceRow.first().locator('td').nth(4).textContent())).toBeGreaterThan(0);
    await capture(page, 'onboarding-2-knowledge', a11y);
    await page.getByTestId('onboarding-next').click();

    // 3. The playground: the answer, the verdict, the sources with their scores.
    await page.getByTestId('playground-form').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('input-question').fill('How do I descale the Aurora kettle?');
    await page.getByTestId('playground-ask').click();
    const turn = page.getByTestId('playground-turn').last();
    await turn.waitFor({ timeout: WAIT_MS });
    expect(await turn.getByTestId('playground-answer').textContent()).toMatch(/vinegar/i);
    expect(await turn.getByTestId('playground-verdict').getAttribute('data-enough')).toBe('true');
    expect(await turn.getAttribute('data-outcome')).toBe('answered');
    const sources = turn.getByTestId('playground-source');
    expect(await sources.count()).toBeGreaterThan(0);
    expect(await sources.first().textContent()).toContain('aurora-manual');
    expect(
      Number(await turn.getByTestId('playground-score').first().textContent()),
    ).toBeGreaterThan(0);
    // Why it answered: the answerability score at or above the bot's threshold, with its evidence.
    const why = turn.getByTestId('answer-why');
    await why.locator('summary').click();
    expect(Number(await why.getAttribute('data-score'))).toBeGreaterThanOrEqual(
      Number(await why.getAttribute('data-threshold')),
    );
    const features = await why
      .getByTestId('why-feature')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-feature')));
    expect(features).toEqual(expect.arrayContaining(['evidence', 'coverage']));
    await capture(page, 'onboarding-3-playground', a11y);
    await page.getByTestId('onboarding-next').click();

    // 4. The widget snippet, with this bot's public key.
    const snippet = page.getByTestId('widget-snippet').first();
    await snippet.waitFor({ timeout: WAIT_MS });
    const owner = new ApiClient(gateway.url).withBearer(
      JSON.parse(
        (await page.evaluate('localStorage.getItem("cxgenie:dashboard:session")')) as string,
      ).accessToken,
    );
    const bots = await owner.get<{ items: { publicKey: string; name: string }[] }>('/api/v1/bots');
    const botKey = bots.body.items[0]!.publicKey;
    expect(await snippet.textContent()).toContain(`data-bot-key="${botKey}"`);
    expect(await snippet.textContent()).toContain(`${gateway.url}/widget/cxgenie-widget.js`);
    await capture(page, 'onboarding-4-widget', a11y);
    await page.getByTestId('onboarding-next').click();

    // 5. A channel: the form is the adapter's schema; a malformed token is refused at its field.
    await page.getByTestId('channel-form').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('input-type').selectOption('telegram');
    await page.getByTestId('input-name').fill('Kettle Telegram');
    const tokenInput = page.getByTestId('input-credentials.botToken');
    expect(await tokenInput.getAttribute('type')).toBe('password');
    await tokenInput.fill('not-a-token');
    // The browser's own pattern check is bypassed: the API's verdict is what is shown.
    await page.getByTestId('channel-form').evaluate('(form) => form.noValidate = true');
    await page.getByTestId('channel-connect').click();
    const tokenError = page.locator('.field', { has: tokenInput }).getByTestId('field-error');
    await tokenError.waitFor({ timeout: WAIT_MS });
    expect(await tokenError.textContent()).toBe('must be a bot token from BotFather');
    await tokenInput.fill('123456789:AAEhBOweik9ai2o4UBzQd7yHXRqGkLSLSe0');
    await page.getByTestId('channel-connect').click();
    const created = page.getByTestId('channel-created');
    await created.waitFor({ timeout: WAIT_MS });
    const webhook = (await created.getByTestId('webhook-url').textContent())!;
    expect(webhook).toMatch(/\/webhooks\/telegram\/[0-9a-f-]{36}$/);
    // Shown once the channel's conversations were asked for: none yet.
    await created
      .locator('[data-testid=channel-last-message]', { hasText: 'No message received yet' })
      .waitFor({ timeout: WAIT_MS });
    await created.getByTestId('rotate-secret').click();
    expect((await created.getByTestId('webhook-secret').textContent())!.length).toBeGreaterThan(20);
    await capture(page, 'onboarding-5-channel', a11y);

    // A visitor on the shop's page asks; the answer comes from the manual.
    const visitor = await sessions.page();
    watchProblems(visitor, problems, 'widget');
    await visitor.goto(`${gateway.url}/widget/demo?botKey=${encodeURIComponent(botKey)}`);
    await visitor.getByTestId('cxg-launcher').click();
    await visitor.getByTestId('cxg-input').fill('How long is the Aurora kettle warranty?');
    await eventually(
      async () => expect(await visitor.getByTestId('cxg-send').isEnabled()).toBe(true),
      WAIT_MS,
    );
    await visitor.getByTestId('cxg-input').press('Enter');
    const answer = visitor.locator('[data-testid="cxg-message"][data-sender="bot"]').last();
    await answer.waitFor({ timeout: WAIT_MS });
    await eventually(
      async () =>
        expect(await answer.getByTestId('cxg-message-text').textContent()).toMatch(/two years/i),
      WAIT_MS,
    );

    expect(a11y).toEqual([]);
    expect(problems).toEqual([]);
  });
});
