import { gatewayApiService } from '../../apps/gateway-api/src/gateway-api.service';
import { bootService } from '@cxgenie/testing';
import { type Benchmark, percentile, round } from '../benchmark';

const REQUESTS = 2_000;
const CONCURRENCY = 10;

/**
 * The platform's per-request floor: trace middleware, metrics middleware, request logging and
 * Nest routing on gateway-api's liveness route, measured over loopback.
 */
export const healthLatency: Benchmark = {
  name: 'health-latency',
  description: `GET /health/live on gateway-api, ${REQUESTS} requests, ${CONCURRENCY} concurrent`,
  async run() {
    const gateway = await bootService(gatewayApiService, { LOG_LEVEL: 'warn' });
    try {
      const latencies: number[] = [];
      let next = 0;
      const started = performance.now();
      const worker = async () => {
        while (next++ < REQUESTS) {
          const t0 = performance.now();
          const res = await fetch(`${gateway.url}/health/live`);
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`unexpected status ${res.status}`);
          latencies.push(performance.now() - t0);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const elapsedS = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      return {
        requests_per_s: round(latencies.length / elapsedS, 0),
        p50_ms: round(percentile(latencies, 50)),
        p99_ms: round(percentile(latencies, 99)),
      };
    } finally {
      await gateway.close();
    }
  },
};
