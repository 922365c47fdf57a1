import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { ServiceName } from '@cxgenie/contracts';
import { servicePortEnvVar } from '@cxgenie/contracts';
import { eventually } from './eventually';
import { freePort } from './redis-server';
import { testEnv } from './test-env';

const ROOT = resolve(__dirname, '../../..');

// A spawned service must never outlive the test or benchmark that started it, even when that one
// fails half-way through its setup.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface SpawnedService {
  url: string;
  process: ChildProcess;
  /** Every line the service wrote to stdout (JSON log lines). */
  output: string[];
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs a service's real `main.ts` as a separate process (a second instance, a worker to kill),
 * on a free port against the real infrastructure, and waits until it is ready.
 */
export async function spawnService(
  service: ServiceName,
  env: Record<string, string> = {},
  /** How long the service may take to become ready (a loaded machine boots slowly). */
  readyTimeoutMs = 30_000,
): Promise<SpawnedService> {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/run-ts.js', `apps/${service}/src/main.ts`], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      ...testEnv({
        [servicePortEnvVar(service)]: String(port),
        DATA_DIR: `.data/test/spawned-${port}`,
        ...env,
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) =>
      output.push(...chunk.toString().split('\n').filter(Boolean)),
    );
  }
  running.add(child);
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      running.delete(child);
      done(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await eventually(
    async () => {
      if (child.exitCode !== null)
        throw new Error(`${service} exited: ${output.slice(-5).join('\n')}`);
      const res = await fetch(`${url}/health/ready`);
      if (!res.ok) throw new Error(`${service} not ready`);
    },
    readyTimeoutMs,
    200,
  );
  return {
    url,
    process: child,
    output,
    exited,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
