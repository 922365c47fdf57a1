import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import {
  ApiClient,
  type BootedService,
  bootService,
  eventually,
  signInAsNewMember,
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

/** The message the API gave for the field whose input has this test id. */
const errorAt = (page: Page, testId: string) =>
  page.locator('.field', { has: page.getByTestId(testId) }).getByTestId('field-error');

/**
 * Every settings form, in the browser: each refuses a bad value with the API's message at the
 * field it names and keeps the stored value; each saves a good one, read back through the API.
 */
describe('dashboard settings, in headless Chromium', () => {
  let gateway: BootedService;
  let browser: Browser;
  let sessions: BrowserSessions;
  let owner: ApiClient;
  let email: string;
  let botId: string;

  /** signInAsNewMember's password. */
  const MEMBER_PASSWORD = 'another correct horse battery';

  const memberIdOf = async (userId: string) => {
    const members = await owner.get<{ items: { id: string; userId: string }[] }>(
      '/api/v1/members?limit=100',
    );
    return members.body.items.find((m) => m.userId === userId)!.id;
  };

  beforeAll(async () => {
    ensureDashboardBuilt();
    [gateway, browser] = await Promise.all([bootService(gatewayApiService), launchBrowser()]);
    sessions = new BrowserSessions(browser);
    const name = `settings-${randomBytes(4).toString('hex')}`;
    email = `${name}@example.test`;
    owner = await ApiClient.signUp(gateway.url, name);
    botId = (await owner.post<{ id: string }>('/api/v1/bots', { name: 'Settings bot' })).body.id;
  });

  afterAll(async () => {
    await sessions?.close();
    await browser?.close();
    await gateway?.close();
  });

  it('bot, workspace, SLA, team, invitation and API key forms validate and save; an invited account switches workspaces', async () => {
    const problems: string[] = [];
    const a11y: string[] = [];
    const page = await sessions.page();
    watchProblems(page, problems, 'dashboard');
    await signIn(page, gateway.url, email, `/app/bots/${botId}/settings`);

    // Bot settings: INPUT_ANSWER without a fallback message is refused at that field.
    await page.getByTestId('bot-settings-form').waitFor({ timeout: WAIT_MS });
    await capture(page, 'bot-settings', a11y);
    await page.getByTestId('input-typeReplyUnknown').selectOption('INPUT_ANSWER');
    await page.getByTestId('input-fallbackMessage').fill('');
    await page.getByTestId('input-faqBoost').fill('9');
    await page.getByTestId('bot-settings-save').click();
    // The fields' own ranges first (the DTO), then the rule across fields (the use case).
    await errorAt(page, 'input-faqBoost').waitFor({ timeout: WAIT_MS });
    expect(await errorAt(page, 'input-faqBoost').textContent()).toMatch(/5/);
    await page.getByTestId('input-faqBoost').fill('1.5');
    await page.getByTestId('bot-settings-save').click();
    await errorAt(page, 'input-fallbackMessage').waitFor({ timeout: WAIT_MS });
    expect(await errorAt(page, 'input-fallbackMessage').textContent()).toBe(
      'must not be blank when typeReplyUnknown is INPUT_ANSWER',
    );
    expect(
      (await owner.get<{ fallbackMessage: string }>(`/api/v1/bots/${botId}`)).body.fallbackMessage,
    ).not.toBe('');
    await page.getByTestId('input-fallbackMessage').fill('Let me get a colleague.');
    await page.getByTestId('input-temperature').fill('0.7');
    await page.getByTestId('input-handoffPhrases').fill('talk to a human\nagent please');
    await page.getByTestId('input-recencyHalfLifeDays').fill('30');
    await page.getByTestId('bot-settings-save').click();
    await eventually(
      async () => expect(await page.getByTestId('saved').first().textContent()).toBe('Saved'),
      WAIT_MS,
    );
    const bot = await owner.get<{
      typeReplyUnknown: string;
      fallbackMessage: string;
      temperature: number;
      handoffPhrases: string[];
      knowledgeSettings: { faqBoost?: number; recencyHalfLifeDays?: number };
    }>(`/api/v1/bots/${botId}`);
    expect(bot.body).toMatchObject({
      typeReplyUnknown: 'INPUT_ANSWER',
      fallbackMessage: 'Let me get a colleague.',
      temperature: 0.7,
      handoffPhrases: ['talk to a human', 'agent please'],
      knowledgeSettings: { faqBoost: 1.5, recencyHalfLifeDays: 30 },
    });

    // Workspace: an unknown time zone is refused at its field.
    await page.getByTestId('nav-workspace').click();
    await page.getByTestId('workspace-form').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('input-timezone').fill('Mars/Olympus_Mons');
    await page.getByTestId('workspace-save').click();
    await errorAt(page, 'input-timezone').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('input-timezone').fill('Europe/Berlin');
    await page.getByTestId('input-name').fill('Northwind Support');
    await page.getByTestId('workspace-save').click();
    await eventually(async () => {
      const ws = await owner.get<{ name: string; timezone: string }>('/api/v1/workspace');
      expect(ws.body).toMatchObject({ name: 'Northwind Support', timezone: 'Europe/Berlin' });
    }, WAIT_MS);

    // SLA targets: zero is refused; an hour for urgent first responses is kept.
    const urgent = page.locator('[data-testid="sla-form"][data-priority="urgent"]');
    await urgent.getByTestId('input-firstResponseMinutes').fill('0');
    await urgent.getByRole('button', { name: /Save/ }).click();
    await urgent.getByTestId('field-error').waitFor({ timeout: WAIT_MS });
    await urgent.getByTestId('input-firstResponseMinutes').fill('60');
    await urgent.getByRole('button', { name: /Save/ }).click();
    await eventually(async () => {
      const policies = await owner.get<{
        items: { priority: string; firstResponseSeconds: number }[];
      }>('/api/v1/sla-policies');
      expect(policies.body.items.find((p) => p.priority === 'urgent')!.firstResponseSeconds).toBe(
        3600,
      );
    }, WAIT_MS);
    await capture(page, 'workspace-settings', a11y);

    // Team: capacity out of range is refused; an invitation gives a link.
    await page.getByTestId('nav-team').click();
    const memberForm = page.getByTestId('member-form').first();
    await memberForm.waitFor({ timeout: WAIT_MS });
    await memberForm.getByTestId('input-maxConcurrentConversations').fill('0');
    await memberForm.getByRole('button', { name: /Save/ }).click();
    await memberForm.getByTestId('field-error').first().waitFor({ timeout: WAIT_MS });
    await memberForm.getByTestId('input-maxConcurrentConversations').fill('7');
    await memberForm.getByRole('button', { name: /Save/ }).click();
    await eventually(async () => {
      const members = await owner.get<{ items: { maxConcurrentConversations: number }[] }>(
        '/api/v1/members',
      );
      expect(members.body.items[0]!.maxConcurrentConversations).toBe(7);
    }, WAIT_MS);
    await page.getByTestId('input-email').fill('not an email');
    await page.getByTestId('invite-submit').click();
    await errorAt(page, 'input-email').waitFor({ timeout: WAIT_MS });
    // Invite someone who already has an account elsewhere.
    const other = await ApiClient.signUp(
      gateway.url,
      `elsewhere-${randomBytes(4).toString('hex')}`,
    );
    const otherEmail = (await other.get<{ user: { email: string } }>('/api/v1/auth/me')).body.user
      .email;
    await page.getByTestId('input-email').fill(otherEmail);
    await page.getByTestId('invite-submit').click();
    const link = (await page.getByTestId('invite-link').textContent({ timeout: WAIT_MS }))!;
    expect(link).toMatch(new RegExp(`^${gateway.url}/app/accept-invitation\\?token=`));
    await capture(page, 'team', a11y);

    // API keys: a blank name is refused; a created key is shown once.
    await page.getByTestId('nav-api-keys').click();
    await page.getByTestId('api-key-form').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('api-key-create').click();
    await errorAt(page, 'input-name').waitFor({ timeout: WAIT_MS });
    await page.getByTestId('input-name').fill('CRM sync');
    await page.getByTestId('api-key-create').click();
    const secret = (await page.getByTestId('api-key-secret').textContent({ timeout: WAIT_MS }))!;
    expect((await new ApiClient(gateway.url).withApiKey(secret).get('/api/v1/bots')).status).toBe(
      200,
    );
    await capture(page, 'api-keys', a11y);

    // The invitee accepts with the password of the account they already have, and switches.
    const invitee = await sessions.page();
    watchProblems(invitee, problems, 'invitee');
    await invitee.goto(link);
    await invitee.getByTestId('input-password').fill(PASSWORD);
    await invitee.getByTestId('accept-submit').click();
    await invitee.getByTestId('app').waitFor({ timeout: WAIT_MS });
    const switcher = invitee.getByTestId('workspace-switch');
    await switcher.waitFor({ timeout: WAIT_MS });
    const current = await switcher.inputValue();
    expect(current).toBe(owner.session!.workspaceId);
    await switcher.selectOption(other.session!.workspaceId);
    await eventually(async () => {
      expect(await switcher.inputValue()).toBe(other.session!.workspaceId);
      // Owner of their own workspace: the admin pages are in the menu again.
      expect(await invitee.getByTestId('nav-api-keys').count()).toBe(1);
    }, WAIT_MS);
    await capture(invitee, 'workspace-switched', a11y);

    expect(a11y).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('signs a removed member out at once, and keeps a demoted one signed in with the new role', async () => {
    const problems: string[] = [];
    const workspaceId = owner.session!.workspaceId;
    const [leaving, demoted] = await Promise.all([
      signInAsNewMember(gateway, workspaceId, 'agent'),
      signInAsNewMember(gateway, workspaceId, 'admin'),
    ]);
    const whoIs = async (member: ApiClient) =>
      (await member.get<{ user: { id: string; email: string } }>('/api/v1/auth/me')).body.user;
    const [leavingUser, demotedUser] = await Promise.all([whoIs(leaving), whoIs(demoted)]);
    const leavingPage = await sessions.page();
    const demotedPage = await sessions.page();
    watchProblems(demotedPage, problems, 'demoted');
    await signIn(leavingPage, gateway.url, leavingUser.email, '/app/inbox', MEMBER_PASSWORD);
    await signIn(demotedPage, gateway.url, demotedUser.email, '/app/inbox', MEMBER_PASSWORD);
    expect(await demotedPage.getByTestId('nav-api-keys').count()).toBe(1);

    expect((await owner.delete(`/api/v1/members/${await memberIdOf(leavingUser.id)}`)).status).toBe(
      204,
    );
    await leavingPage.getByTestId('login-email').waitFor({ timeout: WAIT_MS });
    expect(await leavingPage.getByTestId('app').count()).toBe(0);
    await capture(leavingPage, 'removed-member-signed-out', []);

    const patched = await owner.patch(`/api/v1/members/${await memberIdOf(demotedUser.id)}`, {
      role: 'agent',
    });
    expect(patched.status).toBe(200);
    // Reconnected with a refreshed token: live again, and the admin-only pages are gone.
    await eventually(async () => {
      expect(await demotedPage.getByTestId('socket-status').getAttribute('data-state')).toBe(
        'live',
      );
      await demotedPage.reload();
      expect(await demotedPage.getByTestId('nav-api-keys').count()).toBe(0);
    }, WAIT_MS);
    expect(problems).toEqual([]);
  });
});
