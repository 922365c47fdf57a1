import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { SystemCheckReport } from '@cxgenie/contracts';
import { ApiClient, eventually, freePort, testEnv } from '@cxgenie/testing';

const root = resolve(__dirname, '../../..');

/** Runs the real `main.ts` as its own process, as `npm start` and the container do. */
function runMain(env: Record<string, string>): {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['scripts/run-ts.js', 'apps/gateway-api/src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, stderr: () => stderr, exited };
}

describe('gateway-api main process', () => {
  it('refuses to boot with one line naming each missing variable, and exits 1', async () => {
    const run = runMain({ NODE_ENV: 'production', GATEWAY_API_PORT: String(await freePort()) });
    expect(await run.exited).toBe(1);
    expect(run.stderr().trim()).toBe(
      'gateway-api: Invalid configuration: DATABASE_URL is required when NODE_ENV=production; ' +
        'REDIS_URL is required when NODE_ENV=production; JWT_SECRET is required when NODE_ENV=production; ' +
        'ENCRYPTION_KEY is required when NODE_ENV=production',
    );
  });

  it('on SIGTERM finishes the request in flight, then exits 0', async () => {
    const port = await freePort();
    // Peers that do not exist make the system check wait for its heartbeat timeouts: a slow request.
    const deadPeer = `http://127.0.0.1:${await freePort()}`;
    const run = runMain(
      testEnv({
        GATEWAY_API_PORT: String(port),
        CORE_AI_URL: deadPeer,
        EMAIL_URL: deadPeer,
        LOADER_URL: deadPeer,
        TICKET_URL: deadPeer,
        INTEGRATION_URL: deadPeer,
        FLAGS_URL: deadPeer,
      }),
    );
    const base = `http://127.0.0.1:${port}`;
    await eventually(
      async () => expect((await fetch(`${base}/health/ready`)).status).toBe(200),
      30_000,
      200,
    );

    const admin = await ApiClient.signUp(base);
    const inFlight = admin.get<SystemCheckReport>('/api/v1/system/check').then((res) => ({
      status: res.status,
      report: res.body,
    }));
    await new Promise((r) => setTimeout(r, 500));
    const signalledAt = Date.now();
    run.child.kill('SIGTERM');

    const { status, report } = await inFlight;
    expect(status).toBe(200);
    expect(report.services.find((s) => s.service === 'gateway-api')?.http.ready).toBe(true);
    expect(await run.exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
  }, 60_000);
});
