import { type ChildProcess, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { type SpawnedService, testEnv } from '@cxgenie/testing';
import { type Benchmark, percentile, round } from '../benchmark';
import { PARCEL_QUESTIONS } from '../datasets/parcel-questions';
import { startCpuAccount } from '../process-cpu';
import { startParcelPipeline } from '../parcel-pipeline';
import { startRoundTripAccount } from '../round-trips';
import type {
  ChildMessage,
  ParentMessage,
  VisitorsPlan,
  VisitorsReport,
} from './widget-load.visitors';

const ROOT = resolve(__dirname, '..', '..');

/** `--steps=100,250` or BENCH_WIDGET_LOAD_STEPS: fewer or other steps, for development. */
function steps(): number[] {
  const flag = process.argv.find((a) => a.startsWith('--steps='))?.slice('--steps='.length);
  const raw = flag ?? process.env.BENCH_WIDGET_LOAD_STEPS ?? '100,250,500,1000';
  const parsed = raw.split(',').map((s) => Number(s.trim()));
  if (parsed.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`bad steps: ${raw}`);
  return parsed;
}

const QUESTIONS_PER_VISITOR = 3;
const THINK_MIN_MS = 3_000;
const THINK_MAX_MS = 7_000;
/** A conversation's first question comes within this of the step's start: arrivals, not a burst. */
const START_SPREAD_MS = THINK_MAX_MS;
/** No message.completed within this after the send: the answer is lost. */
const ANSWER_TIMEOUT_MS = Number(process.env.BENCH_WIDGET_LOAD_ANSWER_TIMEOUT_MS ?? 180_000);
/** Sockets per client process: few enough that the clients' event loops stay prompt. */
const VISITORS_PER_CLIENT = Number(process.env.BENCH_WIDGET_LOAD_VISITORS_PER_CLIENT ?? 250);
const TOKEN_DELAY_MS = 15;
const TTFP_AIM_MS = 500;

/** One client process and the visitors it plays. */
class VisitorClient {
  private readonly child: ChildProcess;
  private readonly messages: ChildMessage[] = [];
  private waiters: (() => void)[] = [];

  constructor() {
    this.child = spawn(
      process.execPath,
      ['scripts/run-ts.js', 'bench/benchmarks/widget-load.visitors.ts'],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    this.child.on('message', (m: ChildMessage) => {
      this.messages.push(m);
      for (const w of this.waiters.splice(0)) w();
    });
    this.child.on('exit', () => {
      for (const w of this.waiters.splice(0)) w();
    });
  }

  send(message: ParentMessage): void {
    this.child.send(message);
  }

  async next<T extends ChildMessage['type']>(type: T): Promise<Extract<ChildMessage, { type: T }>> {
    for (;;) {
      const failed = this.messages.find((m) => m.type === 'failed');
      if (failed?.type === 'failed') throw new Error(`visitor client failed: ${failed.error}`);
      const found = this.messages.find((m) => m.type === type);
      if (found) return found as Extract<ChildMessage, { type: T }>;
      if (this.child.exitCode !== null) throw new Error(`visitor client exited before '${type}'`);
      await new Promise<void>((done) => this.waiters.push(done));
    }
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

interface StepResult {
  metrics: Record<string, number>;
  p99: number;
  lost: number;
}

let addressCounter = 0;
/** A distinct client address per visitor, as visitors behind one proxy would present. */
const nextAddress = () => {
  addressCounter += 1;
  return `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
};

async function runStep(
  n: number,
  target: { gatewayUrl: string; botKey: string },
  parties: { gateway: SpawnedService; coreAi: SpawnedService },
  databaseUrl: string,
): Promise<StepResult> {
  const clientCount = Math.max(2, Math.ceil(n / VISITORS_PER_CLIENT));
  const clients = Array.from({ length: clientCount }, () => new VisitorClient());
  try {
    for (let c = 0; c < clientCount; c++) {
      const share = Math.floor(n / clientCount) + (c < n % clientCount ? 1 : 0);
      const plan: VisitorsPlan = {
        ...target,
        addresses: Array.from({ length: share }, nextAddress),
        questions: Array.from(
          { length: QUESTIONS_PER_VISITOR },
          (_, i) => PARCEL_QUESTIONS[(c + i) % PARCEL_QUESTIONS.length],
        ),
        thinkMinMs: THINK_MIN_MS,
        thinkMaxMs: THINK_MAX_MS,
        startSpreadMs: START_SPREAD_MS,
        answerTimeoutMs: ANSWER_TIMEOUT_MS,
      };
      clients[c].send({ type: 'plan', plan });
    }
    await Promise.all(clients.map((c) => c.next('ready')));
    const loadAtStart = loadavg()[0];
    const cpu = startCpuAccount({
      pids: { gateway: parties.gateway.process.pid!, core_ai: parties.coreAi.process.pid! },
      commands: ['postgres', 'redis-server'],
    });
    const roundTrips = await startRoundTripAccount(testEnv().REDIS_URL, databaseUrl);
    const started = Date.now();
    for (const c of clients) c.send({ type: 'go' });
    const reports = (await Promise.all(clients.map((c) => c.next('report')))).map((m) => m.report);
    const elapsedS = (Date.now() - started) / 1000;
    const cpuSeconds = cpu.stop();
    const loadAtEnd = loadavg()[0];
    const trips = await roundTrips.stop();
    const all = (pick: (r: VisitorsReport) => number[]) =>
      reports.flatMap(pick).sort((a, b) => a - b);
    const sum = (pick: (r: VisitorsReport) => number) =>
      reports.reduce((total, r) => total + pick(r), 0);
    const ttfp = all((r) => r.ttfpMs);
    const answerMs = all((r) => r.answerMs);
    const firstSend = Math.min(...reports.map((r) => r.firstSendAt));
    const lastAnswer = Math.max(...reports.map((r) => r.lastAnswerAt));
    const answered = sum((r) => r.answered);
    const lost = sum((r) => r.lost) + sum((r) => r.refused);
    const errors = [...new Set(reports.flatMap((r) => r.errors))];
    if (errors.length) console.warn(`step ${n}: ${errors.slice(0, 5).join('; ')}`);
    const p99 = percentile(ttfp, 99);
    const perAnswer = (total: number) => round(total / Math.max(1, answered), 2);
    const cpuPct = (party: string) => round((100 * (cpuSeconds[party] ?? 0)) / elapsedS, 1);
    return {
      p99,
      lost,
      metrics: {
        [`ttfp_p50_ms_${n}`]: round(percentile(ttfp, 50)),
        [`ttfp_p99_ms_${n}`]: round(p99),
        [`answer_p99_ms_${n}`]: round(percentile(answerMs, 99)),
        [`answers_per_s_${n}`]: round(
          answered / Math.max(0.001, (lastAnswer - firstSend) / 1000),
          1,
        ),
        [`answered_${n}`]: answered,
        [`lost_${n}`]: lost,
        [`refused_${n}`]: sum((r) => r.refused),
        [`duplicate_answers_${n}`]: sum((r) => r.duplicateAnswers),
        [`order_violations_${n}`]: sum((r) => r.orderViolations),
        [`client_processes_${n}`]: clientCount,
        [`client_loop_lag_p99_ms_${n}`]: round(Math.max(...reports.map((r) => r.loopLagP99Ms))),
        [`client_loop_lag_max_ms_${n}`]: round(Math.max(...reports.map((r) => r.loopLagMaxMs))),
        [`client_cpu_pct_${n}`]: round(
          (100 * Math.max(...reports.map((r) => r.cpuMs))) / 1000 / elapsedS,
          1,
        ),
        [`cpu_pct_gateway_${n}`]: cpuPct('gateway'),
        // Per answer: steadier than latency on a shared machine (the pids are this run's own; the
        // postgres and redis-server figures above count every such process on the machine).
        [`gateway_cpu_ms_per_answer_${n}`]: perAnswer(1000 * (cpuSeconds.gateway ?? 0)),
        [`core_ai_cpu_ms_per_answer_${n}`]: perAnswer(1000 * (cpuSeconds.core_ai ?? 0)),
        [`redis_evalsha_per_answer_${n}`]: perAnswer(trips.evalsha),
        [`redis_publish_per_answer_${n}`]: perAnswer(trips.publish),
        [`redis_commands_per_answer_${n}`]: perAnswer(trips.redis_commands),
        [`pg_xacts_per_answer_${n}`]: perAnswer(trips.pg_xacts),
        [`cpu_pct_core_ai_${n}`]: cpuPct('core_ai'),
        [`cpu_pct_postgres_${n}`]: cpuPct('postgres'),
        [`cpu_pct_redis_${n}`]: cpuPct('redis-server'),
        [`load_avg_1m_start_${n}`]: round(loadAtStart),
        [`load_avg_1m_end_${n}`]: round(loadAtEnd),
      },
    };
  } finally {
    for (const c of clients) c.kill();
  }
}

/**
 * Widget visitors at scale, black-box: each a real session on the `/customer` namespace asking
 * three questions with 3–7 s of thought after each complete answer, through a real gateway-api
 * and core-ai (local providers at 15 ms per token). Steps of concurrent conversations; per step the
 * time to the first paragraph, throughput, answers lost and anything out of order, with the load
 * the shared machine was under and the client processes' own event-loop lag.
 */
export const widgetLoad: Benchmark = {
  name: 'widget-load',
  description: `widget visitors over /customer, ${QUESTIONS_PER_VISITOR} questions each, ${THINK_MIN_MS / 1000}–${THINK_MAX_MS / 1000} s think time, steps ${steps().join(', ')} concurrent conversations, local providers at ${TOKEN_DELAY_MS} ms/token`,
  async run() {
    const { gateway, coreAi, bot, databaseUrl, stop } = await startParcelPipeline(
      'widget-load bench',
      TOKEN_DELAY_MS,
      {
        // Visitors come through a proxy on loopback, each from an address of its own: the per-IP
        // limits apply to each as in production. The per-bot and per-workspace limits are
        // raised, as a workspace expecting this traffic would have them.
        TRUSTED_PROXIES: 'loopback',
        WIDGET_SESSIONS_PER_BOT_PER_MIN: '100000',
        WIDGET_MESSAGES_PER_BOT_PER_MIN: '100000',
        WORKSPACE_DAILY_MESSAGE_BUDGET: '1000000',
        // The worker slots are a knob to compare (ADR 0050); unset: the service's default.
        ...(process.env.INBOUND_CONCURRENCY && {
          INBOUND_CONCURRENCY: process.env.INBOUND_CONCURRENCY,
        }),
      },
    );
    try {
      const target = { gatewayUrl: gateway.url, botKey: bot.publicKey };

      const metrics: Record<string, number> = { load_avg_1m_before: round(loadavg()[0]) };
      let maxUnderAim = 0;
      for (const n of steps()) {
        const step = await runStep(n, target, { gateway, coreAi }, databaseUrl);
        Object.assign(metrics, step.metrics);
        console.log(JSON.stringify(step.metrics));
        if (step.p99 <= TTFP_AIM_MS && step.lost === 0) maxUnderAim = Math.max(maxUnderAim, n);
      }
      return { max_conversations_p99_under_500ms: maxUnderAim, ...metrics };
    } finally {
      await stop();
    }
  },
};
