import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { eventually } from '@cxgenie/testing';

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
/** The machine is shared and slow: waits are generous, and end as soon as they are met. */
export const WAIT_MS = 30_000;
/** ApiClient.signUp's password. */
export const PASSWORD = 'correct horse battery staple';

/** Screenshots of every page the journeys visit, kept after the run (.data is not committed). */
export const ARTIFACTS_DIR = resolve(__dirname, '../../../../.data/artifacts/dashboard');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: run \`bash scripts/ensure-chromium.sh\` (as root)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A browser session of its own (its own storage: its own signed-in user). */
export class BrowserSessions {
  private readonly contexts: BrowserContext[] = [];
  constructor(private readonly browser: Browser) {}

  async page(viewport = { width: 1280, height: 800 }): Promise<Page> {
    const context = await this.browser.newContext({ viewport });
    this.contexts.push(context);
    return context.newPage();
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
  }
}

/** Page errors, console errors (a CSP violation is one) and unexpected dialogs, to assert none. */
export function watchProblems(page: Page, problems: string[], label: string): void {
  page.on('pageerror', (error) => problems.push(`${label} page error: ${error.message}`));
  page.on('console', (message) => {
    // A 4xx the test provoked on purpose is logged by Chromium too; the page shows it instead.
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text()))
      problems.push(`${label} console: ${message.text()}`);
  });
}

/** Saves a screenshot of the page as it is now and prints where. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${relative(process.cwd(), path)}`);
  return path;
}

/** axe-core's serious and critical findings on the page, as readable lines (none expected). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join('; ')}`,
    );
}

/** Screenshot and accessibility check of one page, once it has settled. */
export async function capture(page: Page, name: string, a11y: string[]): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await screenshot(page, name);
  a11y.push(...(await accessibilityProblems(page)).map((p) => `${name}: ${p}`));
}

export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  path = '/app/inbox',
  password = PASSWORD,
) {
  await page.goto(`${baseUrl}${path}`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('app').waitFor({ state: 'visible', timeout: WAIT_MS });
  await eventually(
    async () =>
      expect(await page.getByTestId('socket-status').getAttribute('data-state')).toBe('live'),
    WAIT_MS,
  );
}

/** The gateway serves what `scripts/build-web.js` built; a no-op when the build is current. */
export function ensureDashboardBuilt(): void {
  const root = resolve(__dirname, '../../../..');
  execFileSync(process.execPath, ['scripts/build-web.js'], { cwd: root, stdio: 'inherit' });
}
