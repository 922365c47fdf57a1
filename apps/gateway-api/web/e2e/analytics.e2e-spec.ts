import { randomBytes, randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import type Bull from 'bull';
import type { Browser, Page } from 'playwright-core';
import {
  type AnalyticsEventsJobData,
  type AnalyticsFact,
  type AnalyticsFactBase,
  QueueNames,
} from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  bootService,
  eventually,
  signInAsNewMember,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../src/gateway-api.service';
import {
  type DayRange,
  addDays,
  costBucket,
  formatAverage,
  formatCount,
  formatHours,
  formatRate,
  formatUsd,
  reportQuery,
  volumeBucket,
} from '../src/lib/analytics';
import { duration } from '../src/lib/format';
import {
  BrowserSessions,
  WAIT_MS,
  capture,
  ensureDashboardBuilt,
  launchBrowser,
  signIn,
  watchProblems,
} from './browser';

jest.setTimeout(300_000);

/** signInAsNewMember's password. */
const MEMBER_PASSWORD = 'another correct horse battery';
/** Kathmandu is UTC+5:45: the workspace's days are not UTC's. */
const TIME_ZONE = 'Asia/Kathmandu';

type Row = Record<string, string>;

/**
 * The facts' month: six months back, within the raw facts' TTL (400 days by default) and outside
 * the page's default range (the last 30 days). Days are counted from its first.
 */
const ANCHOR = (() => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 6, 1))
    .toISOString()
    .slice(0, 10);
})();
/** An instant `days` after the anchor, at `time` (`hh:mm` or `hh:mm:ss`) UTC. */
const at = (days: number, time: string) =>
  `${addDays(ANCHOR, days)}T${time.length === 5 ? `${time}:00` : time}Z`;
/** The facts' whole month (28 days, so in any month), its second half, and one day. */
const MONTH = { from: ANCHOR, through: addDays(ANCHOR, 27) };
const LATE = { from: addDays(ANCHOR, 14), through: addDays(ANCHOR, 27) };
const DAY = { from: addDays(ANCHOR, 20), through: addDays(ANCHOR, 20) };

/** Rows of the page with this test id, by the attribute naming them, each cell by its test id. */
const rowsOf = (page: Page, testId: string, idAttribute: string) =>
  page
    .getByTestId(testId)
    .evaluateAll(
      (elements, attribute) =>
        Object.fromEntries(
          elements.map((el) => [
            el.getAttribute(attribute) ?? '',
            Object.fromEntries(
              [...el.querySelectorAll('[data-testid]')].map((cell) => [
                cell.getAttribute('data-testid'),
                (cell.textContent ?? '').trim(),
              ]),
            ),
          ]),
        ) as Record<string, Row>,
      idAttribute,
    );

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? '').trim();

const sum = <T>(rows: readonly T[], value: (row: T) => number) =>
  rows.reduce((n, row) => n + value(row), 0);

/**
 * The analytics page in the browser, against a gateway whose ClickHouse (embedded chdb) holds
 * facts published on `analytics.events` as the services publish them: every number it shows is
 * the reports API's for the same range, range after range.
 */
describe('dashboard analytics, in headless Chromium', () => {
  let gateway: BootedService;
  let browser: Browser;
  let sessions: BrowserSessions;
  let owner: ApiClient;
  let ownerEmail: string;
  let member: ApiClient;
  let memberEmail: string;
  let agentId: string;
  let botId: string;
  let otherBotId: string;

  const get = async <T>(path: string, query: Record<string, string | number>) => {
    const search = new URLSearchParams(
      Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    const res = await owner.get<T>(`/api/v1/analytics/${path}?${search}`);
    expect([path, res.status]).toEqual([path, 200]);
    return res.body;
  };

  beforeAll(async () => {
    ensureDashboardBuilt();
    [gateway, browser] = await Promise.all([bootService(gatewayApiService), launchBrowser()]);
    sessions = new BrowserSessions(browser);
    const name = `analytics-${randomBytes(4).toString('hex')}`;
    ownerEmail = `${name}@example.test`;
    owner = await ApiClient.signUp(gateway.url, name);
    const workspaceId = owner.session!.workspaceId;
    // The zone first: the writer stamps each fact with the workspace's local time as it stores it.
    expect((await owner.patch('/api/v1/workspace', { timezone: TIME_ZONE })).status).toBe(200);
    botId = (await owner.post<{ id: string }>('/api/v1/bots', { name: 'Returns bot' })).body.id;
    otherBotId = (await owner.post<{ id: string }>('/api/v1/bots', { name: 'Sales bot' })).body.id;
    member = await signInAsNewMember(gateway, workspaceId, 'agent');
    const me = (await member.get<{ user: { id: string; email: string } }>('/api/v1/auth/me')).body;
    agentId = me.user.id;
    memberEmail = me.user.email;

    const customers = [randomUUID(), randomUUID(), randomUUID()];
    const base = (occurredAt: string, patch: Partial<AnalyticsFactBase> = {}) => ({
      id: randomUUID(),
      workspaceId,
      occurredAt,
      botId,
      channelType: 'web' as const,
      customerId: customers[0],
      conversationId: randomUUID(),
      ...patch,
    });
    const asked = (at: string, patch: Partial<AnalyticsFactBase> = {}): AnalyticsFact => ({
      ...base(at, patch),
      type: 'message.received',
      text: 'Where is my parcel?',
    });
    const answered = (at: string): AnalyticsFact => ({
      ...base(at),
      type: 'message.answered',
      replyToMessageId: randomUUID(),
      outcome: 'answered',
      haveEnoughInformation: true,
      provider: 'extractive',
      model: 'extractive',
      waitedMs: 900,
      chars: 120,
    });
    const unanswered = (at: string, question: string): AnalyticsFact => ({
      ...base(at),
      type: 'message.unanswered',
      provider: 'extractive',
      model: 'extractive',
      waitedMs: 700,
      question,
    });
    const agentFacts = (at: string, seconds: number, resolved: boolean): AnalyticsFact[] => {
      const ticket = { ticketId: randomUUID(), agentId, conversationId: randomUUID() };
      return [
        {
          ...base(at, ticket),
          type: 'handoff.requested',
          reason: 'bot_not_enough_data',
          ticketOpened: true,
        },
        { ...base(at, ticket), type: 'ticket.assigned', mode: 'auto', previousAgentId: null },
        { ...base(at, ticket), type: 'message.sent', chars: 40 },
        {
          ...base(at, ticket),
          type: 'ticket.first_response',
          priority: 'normal',
          seconds,
          withinTarget: true,
        },
        ...(resolved
          ? [
              {
                ...base(at, ticket),
                type: 'ticket.resolved' as const,
                status: 'solved' as const,
                priority: 'normal' as const,
                seconds: seconds * 4,
                withinTarget: true,
              },
            ]
          : []),
      ];
    };
    const rated = (at: string, rating: number, agent: string | null): AnalyticsFact => ({
      ...base(at, { agentId: agent }),
      type: 'csat.submitted',
      rating,
    });
    const availability = (
      at: string,
      since: string,
      previous: 'online' | 'idle',
      now: 'idle' | 'offline',
    ): AnalyticsFact => ({
      ...base(at, { agentId, botId: null, channelType: null, customerId: null }),
      type: 'agent.availability',
      availability: now,
      previous,
      previousSince: since,
    });
    const llm = (at: string, customerId: string, promptTokens: number): AnalyticsFact => ({
      ...base(at, { customerId }),
      type: 'llm.usage',
      provider: 'openai',
      model: 'gpt-4o-mini-2024-07-18',
      purpose: 'answer',
      promptTokens,
      completionTokens: promptTokens / 5,
      latencyMs: 800,
    });
    const facts: AnalyticsFact[] = [
      // Early in the month: three questions to the returns bot, one of them unanswered and handed off.
      asked(at(2, '04:00')),
      asked(at(2, '05:00')),
      asked(at(3, '06:00')),
      answered(at(2, '04:00:01')),
      answered(at(2, '05:00:01')),
      unanswered(at(3, '06:00:01'), 'Do you ship to Iceland?'),
      ...agentFacts(at(3, '06:05'), 120, true),
      rated(at(3, '07:00'), 5, agentId),
      availability(at(2, '13:00'), at(2, '09:00'), 'online', 'idle'),
      availability(at(2, '13:30'), at(2, '13:00'), 'idle', 'offline'),
      llm(at(2, '04:00:01'), customers[0]!, 10_000),
      // Later (day 20 starts at 18:15Z on day 19 here): five questions, two bots.
      asked(at(19, '18:20')),
      asked(at(20, '03:00')),
      asked(at(20, '04:00'), { channelType: 'telegram' }),
      asked(at(20, '05:00'), { botId: otherBotId, channelType: 'telegram' }),
      asked(at(21, '05:00'), { botId: otherBotId }),
      answered(at(20, '03:00:01')),
      answered(at(20, '04:00:01')),
      unanswered(at(19, '18:20:01'), 'Do you ship to Iceland?'),
      unanswered(at(21, '05:00:01'), 'Can I pay in instalments?'),
      ...agentFacts(at(20, '05:05'), 300, false),
      rated(at(20, '08:00'), 3, agentId),
      rated(at(21, '08:00'), 2, null),
      availability(at(20, '10:00'), at(20, '08:00'), 'online', 'offline'),
      llm(at(20, '03:00:01'), customers[1]!, 40_000),
      llm(at(20, '04:00:01'), customers[2]!, 5_000),
      {
        ...base(at(20, '03:00')),
        type: 'embedding.usage',
        provider: 'local',
        model: 'all-MiniLM-L6-v2',
        purpose: 'question',
        texts: 1,
        tokens: 12,
        latencyMs: 20,
      },
    ];
    const queue = gateway.app.get<Bull.Queue<AnalyticsEventsJobData>>(
      getQueueToken(QueueNames.AnalyticsEvents),
    );
    await queue.add({ events: facts, traceId: 'dashboard-analytics-test' });
    await eventually(async () => {
      const volume = await get<{ rows: { customerMessages: number }[] }>('messages', {
        ...reportQuery(MONTH),
      });
      expect(sum(volume.rows, (r) => r.customerMessages)).toBe(8);
      const costs = await get<{ totals: { llmCalls: number } }>('costs', {
        ...reportQuery(MONTH),
      });
      expect(costs.totals.llmCalls).toBe(3);
    }, WAIT_MS);
  }, 240_000);

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await gateway?.close();
  });

  /** Every number the page shows for the range, against the reports API asked the same. */
  const expectPageToMatchApi = async (
    page: Page,
    range: DayRange,
    groupBy: 'bot' | 'channel' = 'bot',
  ) => {
    const q = reportQuery(range);
    const [volume, bots, agents, csat, availability, costs] = await Promise.all([
      get<{
        rows: {
          key: string;
          customerMessages: number;
          botMessages: number;
          agentMessages: number;
          total: number;
        }[];
      }>('messages', { ...q, bucket: volumeBucket(range), groupBy }),
      get<{
        bots: {
          botId: string;
          conversations: number;
          questions: number;
          answered: number;
          answerRate: number | null;
          handoffs: number;
          handoffRate: number | null;
        }[];
        topUnanswered: { question: string; times: number }[];
      }>('bots', { ...q, limit: 10 }),
      get<{
        agents: {
          agentId: string;
          conversationsHandled: number;
          messagesSent: number;
          averageFirstResponseSeconds: number | null;
          ticketsResolved: number;
          resolutionRate: number | null;
          averageCsat: number | null;
        }[];
      }>('agents', q),
      get<{
        rows: { bucket: string; agentId: string; ratings: number; average: number | null }[];
        ratings: number;
        average: number | null;
      }>('csat', { ...q, bucket: 'week' }),
      get<{ rows: { agentId: string; onlineSeconds: number; idleSeconds: number }[] }>(
        'availability',
        q,
      ),
      get<{
        totals: {
          costUsd: number;
          llmPromptTokens: number;
          llmCompletionTokens: number;
          embeddingTokens: number;
        };
        bots: { botId: string; llmCalls: number; costUsd: number }[];
        customers: { top: { customerId: string; costUsd: number; outlier: boolean }[] };
      }>('costs', { ...q, bucket: costBucket(range), limit: 10 }),
    ]);

    await eventually(async () => {
      expect(await text(page, 'range-summary')).toContain(range.from);
      // Message volume: the tiles add the rows up; the table per bot.
      if (volume.rows.length === 0) {
        expect(await page.getByTestId('report-messages').getByTestId('empty-state').count()).toBe(
          1,
        );
      } else {
        expect([
          await text(page, 'volume-customer'),
          await text(page, 'volume-bot'),
          await text(page, 'volume-agent'),
        ]).toEqual([
          formatCount(sum(volume.rows, (r) => r.customerMessages)),
          formatCount(sum(volume.rows, (r) => r.botMessages)),
          formatCount(sum(volume.rows, (r) => r.agentMessages)),
        ]);
        const groups = await page
          .getByTestId('volume-group')
          .evaluateAll((rows) =>
            rows.map((row) => [
              row.getAttribute('data-key'),
              ...[...row.querySelectorAll('td')].map((td) => td.textContent),
            ]),
          );
        const keys = [...new Set(volume.rows.map((r) => r.key))];
        expect(new Set(groups.map((g) => g[0]))).toEqual(new Set(keys));
        for (const key of keys) {
          const of = volume.rows.filter((r) => r.key === key);
          expect(groups.find((g) => g[0] === key)!.slice(1)).toEqual(
            [
              sum(of, (r) => r.customerMessages),
              sum(of, (r) => r.botMessages),
              sum(of, (r) => r.agentMessages),
              sum(of, (r) => r.total),
            ].map(formatCount),
          );
        }
      }

      // Bots, and the questions they could not answer, most asked first.
      const botRows = await rowsOf(page, 'bot-row', 'data-bot-id');
      expect(Object.keys(botRows).sort()).toEqual(bots.bots.map((b) => b.botId).sort());
      for (const b of bots.bots)
        expect(botRows[b.botId]).toEqual({
          'bot-conversations': formatCount(b.conversations),
          'bot-questions': formatCount(b.questions),
          'bot-answered': formatCount(b.answered),
          'bot-answer-rate': formatRate(b.answerRate),
          'bot-handoffs': formatCount(b.handoffs),
          'bot-handoff-rate': formatRate(b.handoffRate),
        });
      expect(
        await page
          .getByTestId('unanswered-question')
          .evaluateAll((items) =>
            items.map((li) => [
              li.querySelector('[data-testid="unanswered-text"]')?.textContent,
              li.querySelector('[data-testid="unanswered-times"]')?.textContent,
            ]),
          ),
      ).toEqual(bots.topUnanswered.map((u) => [u.question, formatCount(u.times)]));

      // Agents.
      const agentRows = await rowsOf(page, 'agent-row', 'data-agent-id');
      expect(Object.keys(agentRows).sort()).toEqual(agents.agents.map((a) => a.agentId).sort());
      for (const a of agents.agents)
        expect(agentRows[a.agentId]).toEqual({
          'agent-handled': formatCount(a.conversationsHandled),
          'agent-messages': formatCount(a.messagesSent),
          'agent-first-response':
            a.averageFirstResponseSeconds === null ? '—' : duration(a.averageFirstResponseSeconds),
          'agent-resolved': formatCount(a.ticketsResolved),
          'agent-resolution-rate': formatRate(a.resolutionRate),
          'agent-csat': formatAverage(a.averageCsat),
        });

      // CSAT: the totals, and each agent's week in its cell.
      if (csat.ratings > 0) {
        expect([await text(page, 'csat-average'), await text(page, 'csat-ratings')]).toEqual([
          formatAverage(csat.average),
          formatCount(csat.ratings),
        ]);
        const cells = await page.getByTestId('csat-cell').evaluateAll((tds) =>
          tds
            .filter((td) => td.textContent !== '—')
            .map((td) => ({
              agentId: td.closest('tr')!.getAttribute('data-agent-id'),
              bucket: td.getAttribute('data-bucket'),
              text: td.textContent,
            })),
        );
        expect(cells).toHaveLength(csat.rows.length);
        for (const row of csat.rows)
          expect(cells).toContainEqual({
            agentId: row.agentId,
            bucket: row.bucket,
            text: `${formatAverage(row.average)} (${formatCount(row.ratings)})`,
          });
      } else {
        expect(await page.getByTestId('report-csat').getByTestId('empty-state').count()).toBe(1);
      }

      // Availability: each agent's days added up.
      const availabilityRows = await rowsOf(page, 'availability-row', 'data-agent-id');
      const agentIds = [...new Set(availability.rows.map((r) => r.agentId))];
      expect(Object.keys(availabilityRows).sort()).toEqual(agentIds.sort());
      for (const id of agentIds) {
        const of = availability.rows.filter((r) => r.agentId === id);
        expect(availabilityRows[id]).toEqual({
          'availability-online': formatHours(sum(of, (r) => r.onlineSeconds)),
          'availability-idle': formatHours(sum(of, (r) => r.idleSeconds)),
        });
      }

      // Cost: the totals, per bot, the most expensive customers and their outliers.
      if (costs.bots.length > 0) {
        expect([
          await text(page, 'cost-total'),
          await text(page, 'cost-llm-tokens'),
          await text(page, 'cost-embedding-tokens'),
        ]).toEqual([
          formatUsd(costs.totals.costUsd),
          formatCount(costs.totals.llmPromptTokens + costs.totals.llmCompletionTokens),
          formatCount(costs.totals.embeddingTokens),
        ]);
        const costBots = await rowsOf(page, 'cost-bot', 'data-bot-id');
        for (const b of costs.bots)
          expect(costBots[b.botId]).toEqual({
            'cost-bot-calls': formatCount(b.llmCalls),
            'cost-bot-usd': formatUsd(b.costUsd),
          });
        const costCustomers = await rowsOf(page, 'cost-customer', 'data-customer-id');
        expect(Object.keys(costCustomers)).toHaveLength(costs.customers.top.length);
        for (const c of costs.customers.top)
          expect(costCustomers[c.customerId]).toEqual({
            'cost-customer-usd': formatUsd(c.costUsd),
            ...(c.outlier ? { 'cost-outlier': 'outlier' } : {}),
          });
      } else {
        expect(await page.getByTestId('report-costs').getByTestId('empty-state').count()).toBe(1);
      }
    }, WAIT_MS);
    return { volume, bots, agents, csat, availability, costs };
  };

  const pickCustom = async (page: Page, range: DayRange) => {
    await page.getByTestId('input-preset').selectOption('custom');
    await page.getByTestId('input-from').fill(range.from);
    await page.getByTestId('input-through').fill(range.through);
    await page.getByTestId('range-apply').click();
    await page.waitForURL(
      (url) =>
        url.searchParams.get('from') === range.from &&
        url.searchParams.get('through') === range.through,
      { timeout: WAIT_MS },
    );
  };

  it('shows an admin the numbers the reports API gives, for each range picked', async () => {
    const problems: string[] = [];
    const a11y: string[] = [];
    const page = await sessions.page();
    watchProblems(page, problems, 'admin');
    await signIn(page, gateway.url, ownerEmail, '/app/inbox');
    await page.getByTestId('nav-analytics').click();
    await page.getByTestId('range-picker').waitFor({ timeout: WAIT_MS });
    // The default range (the last 30 days) has none of the facts: empty states.
    expect(new URL(page.url()).pathname).toBe('/app/analytics');
    await page
      .getByTestId('report-messages')
      .getByTestId('empty-state')
      .waitFor({ timeout: WAIT_MS });
    await capture(page, 'analytics-empty', a11y);

    // The whole month: every report has something.
    await pickCustom(page, MONTH);
    const whole = await expectPageToMatchApi(page, MONTH);
    expect(sum(whole.volume.rows, (r) => r.customerMessages)).toBe(8);
    expect(whole.bots.bots.map((b) => b.botId).sort()).toEqual([botId, otherBotId].sort());
    expect(whole.bots.topUnanswered[0]).toMatchObject({
      question: 'Do you ship to Iceland?',
      times: 2,
    });
    expect(whole.agents.agents.map((a) => a.agentId)).toContain(agentId);
    expect(whole.csat.ratings).toBe(3);
    expect(whole.costs.bots.length).toBeGreaterThan(0);
    expect(await page.getByTestId('agent-row').first().locator('th').textContent()).toBe(
      'agent member',
    );
    await capture(page, 'analytics', a11y);

    // Message volume split by channel instead of bot.
    await page.getByTestId('input-groupBy').selectOption('channel');
    const byChannel = await expectPageToMatchApi(page, MONTH, 'channel');
    expect(new Set(byChannel.volume.rows.map((r) => r.key))).toEqual(new Set(['web', 'telegram']));
    await page.getByTestId('input-groupBy').selectOption('bot');

    // The second half: the early facts drop out of every report.
    await pickCustom(page, LATE);
    const second = await expectPageToMatchApi(page, LATE);
    expect(sum(second.volume.rows, (r) => r.customerMessages)).toBe(5);
    expect(second.csat.ratings).toBe(2);

    // One day, in the workspace's zone: hours on the volume chart; day 19's late question
    // (18:20Z, 00:05 the next day in Kathmandu) counts on day 20.
    await pickCustom(page, DAY);
    const oneDay = await expectPageToMatchApi(page, DAY);
    expect(sum(oneDay.volume.rows, (r) => r.customerMessages)).toBe(4);
    await capture(page, 'analytics-one-day', a11y);

    // A preset, from the keyboard: the range select is reachable and changes the address.
    await page.getByTestId('input-preset').focus();
    await page.keyboard.press('Home');
    await page.waitForURL((url) => url.searchParams.get('range') === 'today', {
      timeout: WAIT_MS,
    });
    await page.getByTestId('report-costs').getByTestId('empty-state').waitFor({ timeout: WAIT_MS });

    // A custom range longer than the reports allow is refused at the field, nothing asked.
    await page.getByTestId('input-preset').selectOption('custom');
    await page.getByTestId('input-from').fill('2024-01-01');
    await page.getByTestId('input-through').fill('2025-02-01');
    await page.getByTestId('range-apply').click();
    expect(
      await page
        .locator('.field', { has: page.getByTestId('input-through') })
        .getByTestId('field-error')
        .textContent({ timeout: WAIT_MS }),
    ).toBe('must be at most 13 months after from');
    expect(new URL(page.url()).searchParams.get('range')).toBe('today');

    expect(problems).toEqual([]);
    expect(a11y).toEqual([]);
  });

  it('is not offered to an agent, and tells one who opens it anyway', async () => {
    const problems: string[] = [];
    const page = await sessions.page();
    watchProblems(page, problems, 'agent');
    await signIn(page, gateway.url, memberEmail, '/app/inbox', MEMBER_PASSWORD);
    await page.getByTestId('nav-inbox').waitFor({ timeout: WAIT_MS });
    expect(await page.getByTestId('nav-analytics').count()).toBe(0);
    await page.goto(`${gateway.url}/app/analytics`);
    await page.getByTestId('empty-state').waitFor({ timeout: WAIT_MS });
    expect(await text(page, 'empty-state')).toContain('Analytics is for admins');
    expect(await page.getByTestId('range-picker').count()).toBe(0);
    // The API refuses the agent too: the page is not what keeps the reports from them.
    expect(
      (await member.get(`/api/v1/analytics/messages?${new URLSearchParams(reportQuery(MONTH))}`))
        .status,
    ).toBe(403);
    expect(problems).toEqual([]);
  });
});
