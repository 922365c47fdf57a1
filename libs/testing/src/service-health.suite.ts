import { SERVICE_TOPOLOGY, type HealthReport, heartbeatQueueName } from '@cxgenie/contracts';
import type { ServiceEntry } from '@cxgenie/bootstrap';
import { type BootedService, bootService } from './boot-service';
import { eventually } from './eventually';
import { EphemeralRedis } from './redis-server';

const getJson = async (url: string): Promise<{ status: number; body: HealthReport }> => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as HealthReport };
};

/**
 * What every service must do on the platform: answer liveness, readiness and metrics, and report
 * not-ready (naming Redis) while its Redis is down, recovering by itself when Redis returns.
 * Each service's e2e spec runs this against its own module.
 */
export function describeServicePlatformContract(entry: ServiceEntry): void {
  const service = entry.name;
  describe(`${service} on the platform`, () => {
    let redis: EphemeralRedis;
    let booted: BootedService;
    const topology = SERVICE_TOPOLOGY[service];

    beforeAll(async () => {
      redis = await EphemeralRedis.start();
      booted = await bootService(entry, { REDIS_URL: redis.url });
    });

    afterAll(async () => {
      await booted?.close();
      await redis?.kill();
    });

    it('answers liveness', async () => {
      const { status, body } = await getJson(`${booted.url}/health/live`);
      expect(status).toBe(200);
      expect(body.status).toBe('ok');
    });

    it('is ready, listing each dependency it checked', async () => {
      const { status, body } = await getJson(`${booted.url}/health/ready`);
      expect(status).toBe(200);
      const expected = [
        topology.postgres && 'postgres',
        'redis',
        topology.clickhouse && 'clickhouse',
        topology.vectorStore && 'vector-store',
        topology.workers && 'scheduled-jobs',
      ].filter(Boolean);
      expect(Object.keys(body.details).sort()).toEqual(expected.sort());
    });

    it('exports Prometheus metrics, with request durations by route and its queue depths', async () => {
      await fetch(`${booted.url}/health/live`);
      const res = await fetch(`${booted.url}/metrics`);
      const text = await res.text();
      expect(res.headers.get('content-type')).toContain('text/plain');
      expect(text).toContain('process_cpu_user_seconds_total');
      expect(text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} [1-9]/,
      );
      const queueGauge = `bull_queue_jobs{queue="${heartbeatQueueName(service)}",state="waiting"}`;
      if (topology.postgres) {
        expect(text).toMatch(/db_pool_connections\{pool="primary",state="size"\} \d+/);
        // The pool's ceiling, so dashboards and alerts can divide by it.
        expect(text).toContain(
          `db_pool_connections{pool="primary",state="max"} ${booted.config.database.poolMax}`,
        );
      }
      if (topology.workers) {
        expect(text).toContain(queueGauge);
        expect(text).toMatch(
          new RegExp(
            `bull_queue_oldest_job_age_seconds\\{queue="${heartbeatQueueName(service).replace(/\./g, '\\.')}",state="waiting"\\} \\d`,
          ),
        );
      } else expect(text).not.toContain('bull_queue_jobs{');
    });

    it('reports not ready naming redis while Redis is down, and recovers when it returns', async () => {
      await redis.kill();
      const down = await eventually(async () => {
        const result = await getJson(`${booted.url}/health/ready`);
        expect(result.status).toBe(503);
        return result.body;
      }, 10_000);
      expect(down.error?.['redis']?.status).toBe('down');
      expect(Object.keys(down.error ?? {})).toEqual(['redis']);

      const live = await fetch(`${booted.url}/health/live`);
      expect(live.status).toBe(200);

      await redis.start();
      await eventually(
        async () => expect((await getJson(`${booted.url}/health/ready`)).status).toBe(200),
        15_000,
      );
    });
  });
}
