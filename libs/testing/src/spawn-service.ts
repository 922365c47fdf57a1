import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { ServiceName } from '@cxgenie/contracts';
import { SERVICE_TOPOLOGY, servicePortEnvVar } from '@cxgenie/contracts';
import { eventually } from './eventually';
import { LogCapture } from './log-capture';
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
  /** Every line the service wrote to stdout and stderr. */
  output: string[];
  /** Its JSON log lines, as `bootService` captures them. */
  logs: LogCapture;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Graceful stop (SIGTERM), as a test ends. */
  close(): Promise<void>;
}

/**
 * Runs a service's real `main.ts` as a separate process, on a free port against the real
 * infrastructure, and waits until it is ready: another app a test talks to (an app's tests never
 * load another app's code), a second instance, a worker to kill.
 */
export async function spawnService(
  service: ServiceName,
  env: Record<string, string> = {},
  /**
   * How long the service may take to become ready: a loaded 2-core machine was seen to need over
   * 30 s to boot two services at once. A caller's hook timeout still bounds the wait.
   */
  readyTimeoutMs = 90_000,
): Promise<SpawnedService> {
  const port = await freePort();
  // SPAWN_CPU_PROF_DIR=<dir>: each spawned service writes a V8 CPU profile there when it exits,
  // to read where a benchmark's service spends its CPU.
  const profileDir = process.env.SPAWN_CPU_PROF_DIR;
  const profile = profileDir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${profileDir}`,
        `--cpu-prof-name=${service}-${port}.cpuprofile`,
      ]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, 'scripts/run-ts.js', `apps/${service}/src/main.ts`],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        ...testEnv({
          [servicePortEnvVar(service)]: String(port),
          // Embedded ClickHouse allows one owning process per directory; the other embedded stores
          // are shared as on one machine (core-ai searches what the loader indexed, and what a
          // core-ai booted in the test process indexed).
          DATA_DIR: SERVICE_TOPOLOGY[service].clickhouse
            ? `.data/test/spawned-${port}`
            : testEnv().DATA_DIR,
          // Uploaded files stay shared with the test process's services, as on one machine (an
          // agent's file uploaded to a spawned gateway is sent by an email service booted here),
          // unless the test gives the service a DATA_DIR of its own.
          ...(env.DATA_DIR === undefined && {
            STORAGE_LOCAL_DIR: resolve(ROOT, testEnv().DATA_DIR, 'uploads'),
          }),
          ...env,
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  const logs = new LogCapture();
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.on('data', (chunk: Buffer) =>
      output.push(...chunk.toString().split('\n').filter(Boolean)),
    );
  }
  // JSON lines only (a chunk may end mid-line): Node's own warnings are not log lines.
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.lines.push(JSON.parse(line) as LogCapture['lines'][number]);
      } catch {
        // not a log line
      }
    }
  });
  running.add(child);
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      running.delete(child);
      done(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
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
  } catch (error) {
    // The caller gets no handle to stop it: a service that never became ready must not outlive
    // the test run (seen: four such processes still running long after Jest had exited).
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    process: child,
    output,
    logs,
    exited,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
