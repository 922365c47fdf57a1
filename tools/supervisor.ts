/*
 * Runs all seven services as child processes for `npm start`: readable prefixed logs, the URLs
 * once every service is ready, and on Ctrl-C (or SIGTERM) a graceful stop of every child.
 * A child that dies is reported and the others keep running, as in a real deployment.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { loadServiceConfig } from '@cxgenie/config';
import { SERVICE_NAMES, type ServiceName } from '@cxgenie/contracts';
import { formatLogLine } from './log-format';

const root = resolve(__dirname, '..');
const raw = process.argv.includes('--raw');
const children = new Map<ServiceName, ChildProcess>();
const width = Math.max(...SERVICE_NAMES.map((n) => n.length));
let stopping = false;

function launch(service: ServiceName): void {
  const child = spawn(
    process.execPath,
    [resolve(root, 'scripts/run-ts.js'), `apps/${service}/src/main.ts`],
    {
      cwd: root,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.set(service, child);
  const prefix = service.padEnd(width);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on('line', (line) =>
      console.log(`${prefix} | ${raw ? line : formatLogLine(line)}`),
    );
  }
  child.on('exit', (code, signal) => {
    children.delete(service);
    if (!stopping) console.error(`${prefix} | exited (${signal ?? `code ${code}`})`);
    if (stopping && children.size === 0) process.exit(0);
  });
}

async function waitUntilReady(
  service: ServiceName,
  url: string,
  deadline: number,
): Promise<boolean> {
  while (Date.now() < deadline && children.has(service)) {
    const ok = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

function stopAll(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  console.log(`\nstopping ${children.size} services (${signal})…`);
  if (children.size === 0) process.exit(0);
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(1);
  }, 15_000).unref();
}

async function main(): Promise<void> {
  process.on('SIGINT', stopAll);
  process.on('SIGTERM', stopAll);
  const urls = Object.fromEntries(
    SERVICE_NAMES.map((s) => [s, loadServiceConfig(s).serviceUrls[s]]),
  ) as Record<ServiceName, string>;
  SERVICE_NAMES.forEach(launch);
  const deadline = Date.now() + 90_000;
  const ready = await Promise.all(SERVICE_NAMES.map((s) => waitUntilReady(s, urls[s], deadline)));
  if (stopping) return;
  console.log('\nCX Genie services:');
  SERVICE_NAMES.forEach((s, i) =>
    console.log(`  ${s.padEnd(width)}  ${urls[s]}  ${ready[i] ? 'ready' : 'NOT READY'}`),
  );
  console.log(
    `\n  system check: ${urls['gateway-api']}/api/v1/system/check\n  Ctrl-C stops everything.\n`,
  );
}

void main();
