import { existsSync } from 'node:fs';
import { type Browser, type Page, chromium } from 'playwright-core';
import { serviceUrlEnvVar } from '@cxgenie/contracts';
import {
  addSnippet,
  ApiClient,
  type BootedService,
  bootService,
  eventually,
  PARCEL_KNOWLEDGE,
  RETURNS_KNOWLEDGE,
  sharedQueuePrefix,
  type SpawnedService,
  spawnService,
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

interface StoredMessage {
  id: string;
  seq: number;
  senderType: string;
  text: string;
}
interface ShownMessage {
  sender: string | null;
  seq: string | null;
  streaming: boolean;
  text: string;
}

/** Every message the widget shows, top to bottom, read inside its (open) shadow root. */
const shownMessages = (page: Page): Promise<ShownMessage[]> =>
  page.getByTestId('cxg-message').evaluateAll((elements) =>
    elements.map((el) => ({
      sender: el.getAttribute('data-sender'),
      seq: el.getAttribute('data-seq'),
      streaming: el.getAttribute('data-streaming') === 'true',
      text: el.querySelector('[data-testid="cxg-message-text"]')?.textContent ?? '',
    })),
  );

/**
 * Watches the widget inside the page, on every animation frame (so what was painted, whatever the
 * load on this process): each distinct text a streaming bot message showed, and whether the typing
 * indicator showed. Started before a question is sent; `answer(seq)` waits for the completed reply.
 */
async function watchNextAnswer(page: Page) {
  await page.evaluate(`(() => {
    const root = document.querySelector('cxgenie-widget').shadowRoot;
    const seen = (window.__cxgSeen = { partials: [], typing: false, stop: false });
    const frame = () => {
      if (seen.stop) return;
      if (!root.querySelector('[data-testid="cxg-typing"]').hidden) seen.typing = true;
      const streaming = root.querySelectorAll('[data-testid="cxg-message"][data-streaming="true"]');
      const last = streaming[streaming.length - 1];
      const text = last ? last.querySelector('[data-testid="cxg-message-text"]').textContent : '';
      if (text && text !== seen.partials[seen.partials.length - 1]) seen.partials.push(text);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })()`);
  return {
    async answer(seq: number) {
      const reply = page.locator(
        `[data-testid="cxg-message"][data-sender="bot"][data-seq="${seq}"]`,
      );
      await reply.waitFor({ timeout: 15_000 });
      const seen = await page.evaluate<{ partials: string[]; typing: boolean }>(
        '(() => { window.__cxgSeen.stop = true; return window.__cxgSeen; })()',
      );
      const final = (await reply.getByTestId('cxg-message-text').textContent()) ?? '';
      return { ...seen, final };
    },
  };
}

describe('web chat widget, in headless Chromium', () => {
  let coreAi: SpawnedService;
  let gateway: BootedService;
  let browser: Browser;
  let owner: ApiClient;
  let botKey: string;
  let botId: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: run \`bash scripts/ensure-chromium.sh\` (as root)`);
    const QUEUE_PREFIX = sharedQueuePrefix();
    [coreAi, browser] = await Promise.all([
      // Paced like a slow model, so even a two-paragraph answer streams for a couple of seconds:
      // long enough for an agent to take over mid-answer on a loaded machine.
      spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '40', QUEUE_PREFIX }),
      chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }),
    ]);
    gateway = await bootService(gatewayApiService, {
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      QUEUE_PREFIX,
    });
    owner = await ApiClient.signUp(gateway.url);
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: 'Northwind helper',
      typeReplyUnknown: 'AI_GENERATE',
    });
    expect(bot.status).toBe(201);
    ({ id: botId, publicKey: botKey } = bot.body);
    await addSnippet(owner, coreAi.url, botId, PARCEL_KNOWLEDGE);
    await addSnippet(owner, coreAi.url, botId, RETURNS_KNOWLEDGE);
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await coreAi?.close();
  });

  it('serves the script and the demo page to anyone, with caching and a strict CSP', async () => {
    const script = await fetch(`${gateway.url}/widget/cxgenie-widget.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=300');
    const source = await script.text();
    expect(source).toContain('window.CXGenieWidget');
    const etag = script.headers.get('etag')!;
    const again = await fetch(`${gateway.url}/widget/cxgenie-widget.js`, {
      // With its own cache-control, fetch() does not add `no-cache`, which would forbid a 304.
      headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' },
    });
    expect(again.status).toBe(304);

    const demo = await fetch(`${gateway.url}/widget/demo`);
    expect(demo.status).toBe(200);
    expect(demo.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = demo.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await demo.text();
    expect(html).toContain(
      '<script src="/widget/cxgenie-widget.js" data-bot-key="pk_demo_widget_key" async></script>',
    );
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(html).toContain(`<style nonce="${nonce}">`);

    // The widget starts its session from the customer's own site: a cross-origin call.
    const preflight = await fetch(`${gateway.url}/api/v1/widget/sessions`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
  });

  it('escapes a hostile botKey in the demo page', async () => {
    const hostile = `"><script>alert(1)</script><img src=x onerror=alert(2)>'`;
    const url = `${gateway.url}/widget/demo?botKey=${encodeURIComponent(hostile)}`;
    const html = await (await fetch(url)).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('data-bot-key="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect((await fetch(`${gateway.url}/widget/demo?botKey=${'k'.repeat(101)}`)).status).toBe(400);

    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(url);
      await page.getByTestId('cxg-launcher').waitFor();
      expect(await page.getByTestId('demo-bot-key').textContent()).toBe(hostile);
      expect(await page.locator('script[data-bot-key]').getAttribute('data-bot-key')).toBe(hostile);
      expect(await page.locator('script').count()).toBe(1);
      expect(await page.locator('img').count()).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('chats: streams the answer, restores the history after a reload, and carries on in order', async () => {
    const context = await browser.newContext();
    const problems: string[] = [];
    try {
      const page = await context.newPage();
      const websockets: string[] = [];
      page.on('websocket', (socket) => websockets.push(socket.url()));
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        // The forged token below is refused once, as it should be; nothing else may fail.
        if (message.type() === 'error' && !message.text().includes('status of 401'))
          problems.push(`console: ${message.text()}`);
      });
      const storageKey = `cxgenie:widget:${botKey}`;
      const widgetStorage = async () =>
        JSON.parse(
          (await page.evaluate<string | null>(
            `localStorage.getItem(${JSON.stringify(storageKey)})`,
          )) ?? '{}',
        ) as { externalId?: string; sessionToken?: string; lastSeq?: number };
      await page.goto(`${gateway.url}/widget/demo?botKey=${encodeURIComponent(botKey)}`);

      // Open from the launcher; the input takes focus, and Send waits for text.
      await page.getByTestId('cxg-launcher').click();
      await page.getByTestId('cxg-panel').waitFor({ state: 'visible' });
      const input = page.getByTestId('cxg-input');
      const sendButton = page.getByTestId('cxg-send');
      await eventually(async () =>
        expect(await input.evaluate((el) => el.matches(':focus'))).toBe(true),
      );
      expect(await sendButton.isDisabled()).toBe(true);

      const question = 'Where is my parcel? I ordered #1042 last week.';
      await input.fill(question);
      await eventually(async () => expect(await sendButton.isEnabled()).toBe(true), 5_000);
      const watching = await watchNextAnswer(page);
      await input.press('Enter');
      await page.locator('[data-testid="cxg-message"][data-sender="customer"]').waitFor();
      const answer = await watching.answer(2);
      const shown = await shownMessages(page);
      expect(shown.map((m) => [m.sender, m.seq])).toEqual([
        ['customer', '1'],
        ['bot', '2'],
      ]);
      expect(shown[0].text).toBe(question);
      expect(await input.inputValue()).toBe('');
      expect(answer.typing).toBe(true);
      expect(await page.getByTestId('cxg-typing').isVisible()).toBe(false);
      // Grew in visible steps, each a longer prefix of the final answer, at least two of them
      // before the last chunk (the completed message may trail the last chunk).
      const lengths = answer.partials.map((p) => p.length);
      expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
      expect(answer.partials.every((p) => answer.final.startsWith(p))).toBe(true);
      expect(lengths.filter((n) => n < answer.final.length).length).toBeGreaterThanOrEqual(2);
      if (process.env.WIDGET_SCREENSHOT)
        await page.screenshot({ path: process.env.WIDGET_SCREENSHOT });

      const conversations = await owner.get<{ items: { id: string; botId: string }[] }>(
        '/api/v1/conversations',
      );
      const conversation = conversations.body.items.find((c) => c.botId === botId)!;
      const storedMessages = async () =>
        (
          await owner.get<{ items: StoredMessage[] }>(
            `/api/v1/conversations/${conversation.id}/messages`,
          )
        ).body.items;
      const firstTwo = await storedMessages();
      expect(firstTwo.map((m) => [m.seq, m.senderType])).toEqual([
        [1, 'customer'],
        [2, 'bot'],
      ]);
      expect(answer.final).toBe(firstTwo[1].text);
      expect(answer.final).toContain('tracking link');

      // Reload: the panel stays open and the whole conversation is replayed, in order.
      await page.reload();
      await page.getByTestId('cxg-panel').waitFor({ state: 'visible' });
      await eventually(async () =>
        expect(await shownMessages(page)).toEqual(
          firstTwo.map((m) => ({
            sender: m.senderType,
            seq: String(m.seq),
            streaming: false,
            text: m.text,
          })),
        ),
      );

      // A token the server refuses: a new session for the same visitor, same conversation.
      const saved = await widgetStorage();
      expect(saved).toMatchObject({ externalId: expect.any(String), lastSeq: 2 });
      const forged = JSON.stringify({ ...saved, sessionToken: 'forged.token.value' });
      await page.evaluate(
        `localStorage.setItem(${JSON.stringify(storageKey)}, ${JSON.stringify(forged)})`,
      );
      await page.reload();
      await eventually(async () =>
        expect((await shownMessages(page)).map((m) => m.seq)).toEqual(['1', '2']),
      );
      const renewed = await widgetStorage();
      expect(renewed.externalId).toBe(saved.externalId);
      expect(renewed.sessionToken).not.toBe('forged.token.value');

      // The second question, sent with the button this time, gets its own answer.
      await input.fill('And can I return the boots?');
      await eventually(async () => expect(await sendButton.isEnabled()).toBe(true), 5_000);
      const watchingSecond = await watchNextAnswer(page);
      await sendButton.click();
      const second = await watchingSecond.answer(4);
      expect(second.typing).toBe(true);
      // It streamed (the growth in steps is checked on the first answer: a short one may complete
      // within the frame that would have shown its last chunk).
      expect(second.partials.length).toBeGreaterThanOrEqual(1);
      const all = await storedMessages();
      expect(all.map((m) => [m.seq, m.senderType])).toEqual([
        [1, 'customer'],
        [2, 'bot'],
        [3, 'customer'],
        [4, 'bot'],
      ]);
      expect(all[2].text).toBe('And can I return the boots?');
      expect(second.final).toBe(all[3].text);
      expect((await shownMessages(page)).map((m) => [m.sender, m.seq, m.text])).toEqual(
        all.map((m) => [m.senderType, String(m.seq), m.text]),
      );
      // The customer started and resumed as one visitor: one conversation in the inbox.
      const after = await owner.get<{ items: { botId: string }[] }>('/api/v1/conversations');
      expect(after.body.items.filter((c) => c.botId === botId)).toHaveLength(1);
      // The page's CSP let the widget, Socket.IO's client and the WebSocket itself through.
      expect(problems).toEqual([]);
      expect(websockets[0]).toMatch(
        /^ws:\/\/127\.0\.0\.1:\d+\/socket\.io\/\?EIO=4&transport=websocket/,
      );
    } finally {
      await context.close();
    }
  });

  it('drops the answer it was streaming when an agent takes the conversation over', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${gateway.url}/widget/demo?botKey=${encodeURIComponent(botKey)}`);
      await page.evaluate('window.CXGenieWidget.open()');
      const sent = await page.evaluate<{ ok: boolean; message: { conversationId: string } }>(
        "window.CXGenieWidget.send('Where is my parcel? And how do returns work?')",
      );
      expect(sent.ok).toBe(true);
      const streaming = page.locator('[data-testid="cxg-message"][data-streaming="true"]');
      await streaming.waitFor({ timeout: 15_000 });

      const takeover = await owner.post(
        `/api/v1/conversations/${sent.message.conversationId}/takeover`,
      );
      expect(takeover.status).toBe(200);
      await streaming.waitFor({ state: 'detached', timeout: 10_000 });
      expect((await shownMessages(page)).map((m) => m.sender)).toEqual(['customer']);

      // The agent carries on where the bot stopped; nothing of the bot's answer comes back.
      const reply = await owner.post(
        `/api/v1/conversations/${sent.message.conversationId}/messages`,
        { text: 'Hi, I am looking into it now.' },
      );
      expect(reply.status).toBe(201);
      await page.locator('[data-testid="cxg-message"][data-sender="agent"]').waitFor();
      expect((await shownMessages(page)).map((m) => [m.sender, m.seq])).toEqual([
        ['customer', '1'],
        ['agent', '2'],
      ]);
    } finally {
      await context.close();
    }
  });

  it('sends a message again after its ack was lost, and it is stored and answered once', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      // The first acknowledgement of a message never reaches the page, as on a flaky network.
      let dropped = 0;
      await page.routeWebSocket(/\/socket\.io\//, (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((frame) => server.send(frame));
        server.onMessage((frame) => {
          if (dropped === 0 && typeof frame === 'string' && frame.startsWith('43/customer,')) {
            dropped += 1;
            return;
          }
          ws.send(frame);
        });
      });
      await page.goto(`${gateway.url}/widget/demo?botKey=${encodeURIComponent(botKey)}`);
      await page.evaluate('window.CXGenieWidget.open()');
      const lost = await page.evaluate<{ ok: boolean; error: { code: string } }>(
        "window.CXGenieWidget.send('Where is my parcel?')",
      );
      expect(lost).toMatchObject({ ok: false, error: { code: 'timeout' } });
      expect(dropped).toBe(1);
      // The visitor sends it again.
      const retried = await page.evaluate<{
        ok: boolean;
        message: StoredMessage & { conversationId: string };
      }>("window.CXGenieWidget.send('Where is my parcel?')");
      expect(retried).toMatchObject({ ok: true, message: { seq: 1 } });
      await page
        .locator('[data-testid="cxg-message"][data-sender="bot"]')
        .waitFor({ timeout: 15_000 });
      const stored = await owner.get<{ items: StoredMessage[] }>(
        `/api/v1/conversations/${retried.message.conversationId}/messages`,
      );
      expect(stored.body.items.map((m) => [m.senderType, m.seq])).toEqual([
        ['customer', 1],
        ['bot', 2],
      ]);
      expect((await shownMessages(page)).map((m) => [m.sender, m.seq])).toEqual([
        ['customer', '1'],
        ['bot', '2'],
      ]);
    } finally {
      await context.close();
    }
  });

  it('shows a refused message inline, and closes on Escape with focus back on the launcher', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${gateway.url}/widget/demo?botKey=${encodeURIComponent(botKey)}`);
      await page.evaluate('window.CXGenieWidget.open()');
      const error = page.getByTestId('cxg-error');
      // Past the input's maxlength, so only the API can send it; the server refuses it.
      const ack = await page.evaluate<{ ok: boolean; error: { code: string } }>(
        "window.CXGenieWidget.send('x'.repeat(5000))",
      );
      expect(ack).toMatchObject({ ok: false, error: { code: 'too_large' } });
      await error.waitFor({ state: 'visible' });
      expect(await error.getAttribute('role')).toBe('alert');
      expect(await error.textContent()).toMatch(/\S/);
      expect(await page.getByTestId('cxg-message').count()).toBe(0);
      // Typing clears the error.
      await page.getByTestId('cxg-input').fill('hello');
      expect(await error.isVisible()).toBe(false);

      await page.getByTestId('cxg-input').press('Escape');
      await page.getByTestId('cxg-panel').waitFor({ state: 'hidden' });
      const launcher = page.getByTestId('cxg-launcher');
      expect(await launcher.evaluate((el) => el.matches(':focus'))).toBe(true);
      expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    } finally {
      await context.close();
    }
  });
});
