/*
 * npm run bench            every benchmark
 * npm run bench -- <name>  one benchmark
 * npm run bench -- widget-load --steps=100,250   a benchmark's own flags follow its name
 * Prints each result as a table and writes bench/results/<name>.json as flat { metric: number }.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Benchmark } from './benchmark';
import { chaos } from './benchmarks/chaos.bench';
import { analytics } from './benchmarks/analytics.bench';
import { answerCpu } from './benchmarks/answer-cpu.bench';
import { conversationList } from './benchmarks/conversation-list.bench';
import { flags } from './benchmarks/flags.bench';
import { handoffLatency } from './benchmarks/handoff-latency.bench';
import { dashboard } from './benchmarks/dashboard.bench';
import { emailInbound } from './benchmarks/email-inbound.bench';
import { healthLatency } from './benchmarks/health-latency.bench';
import { inboundAccept } from './benchmarks/inbound-accept.bench';
import { inboundFairness } from './benchmarks/inbound-fairness.bench';
import { ingest100Pages } from './benchmarks/ingest-100-pages.bench';
import { ordering } from './benchmarks/ordering.bench';
import { paragraphBuffer } from './benchmarks/paragraph-buffer.bench';
import { retrieval } from './benchmarks/retrieval.bench';
import { requestLogging } from './benchmarks/request-logging.bench';
import { retrievalTenants } from './benchmarks/retrieval-tenants.bench';
import { serviceCall } from './benchmarks/service-call.bench';
import { webhookAck } from './benchmarks/webhook-ack.bench';
import { widgetLoad } from './benchmarks/widget-load.bench';

const BENCHMARKS: Benchmark[] = [
  healthLatency,
  conversationList,
  paragraphBuffer,
  ordering,
  serviceCall,
  inboundAccept,
  inboundFairness,
  retrieval,
  retrievalTenants,
  ingest100Pages,
  webhookAck,
  requestLogging,
  flags,
  dashboard,
  handoffLatency,
  chaos,
  emailInbound,
  analytics,
  widgetLoad,
  answerCpu,
];

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark: ${unknown.join(', ')} (available: ${BENCHMARKS.map((b) => b.name).join(', ')})`,
    );
    return 2;
  }
  const selected = wanted.length ? BENCHMARKS.filter((b) => wanted.includes(b.name)) : BENCHMARKS;
  const resultsDir = join(__dirname, 'results');
  mkdirSync(resultsDir, { recursive: true });
  for (const benchmark of selected) {
    console.log(`\n${benchmark.name}: ${benchmark.description}`);
    const metrics = await benchmark.run();
    console.table(Object.entries(metrics).map(([metric, value]) => ({ metric, value })));
    const file = join(resultsDir, `${benchmark.name}.json`);
    writeFileSync(file, `${JSON.stringify(metrics, null, 2)}\n`);
    console.log(`written ${file}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
