import { randomBytes } from 'node:crypto';
import { type ServiceName, type SystemCheckReport, serviceUrlEnvVar } from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  type SpawnedService,
  bootService,
  eventually,
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

/** The other six, each its own process, as they run in production. */
const peers: ServiceName[] = ['core-ai', 'email', 'integration', 'flags', 'loader', 'ticket'];

describe('system check across all seven services', () => {
  const queuePrefix = `test-${randomBytes(4).toString('hex')}`;
  const booted = new Map<ServiceName, BootedService | SpawnedService>();
  let gateway: BootedService;
  let admin: ApiClient;

  beforeAll(async () => {
    // One after the other: six processes compiling at once would starve a two-core machine.
    for (const name of peers)
      booted.set(name, await spawnService(name, { QUEUE_PREFIX: queuePrefix }));
    const peerUrls = Object.fromEntries(
      [...booted].map(([name, s]) => [serviceUrlEnvVar(name), s.url]),
    );
    gateway = await bootService(gatewayApiService, {
      QUEUE_PREFIX: queuePrefix,
      ...peerUrls,
    });
    // The gateway checks itself over HTTP too, so it needs its own URL; known only after listen.
    gateway.config.serviceUrls['gateway-api'] = gateway.url;
    booted.set('gateway-api', gateway);
    admin = await ApiClient.signUp(gateway.url);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([...booted.values()].map((s) => s.close()));
  });

  it('reports every service ready and every worker queue consumed', async () => {
    // Each service is a process of its own that has just started: on a loaded machine a worker
    // may still be warming up when its HTTP is already up, so the check is asked until it agrees.
    const report = await eventually(
      async () => {
        const { status, body } = await admin.get<SystemCheckReport>('/api/v1/system/check');
        expect(status).toBe(200);
        expect(body.services.filter((s) => !s.http.ready)).toEqual([]);
        expect(body.services.filter((s) => s.queue && !s.queue.consumed)).toEqual([]);
        return body;
      },
      60_000,
      1_000,
    );
    expect(
      report.services
        .filter((s) => s.queue)
        .map((s) => s.service)
        .sort(),
    ).toEqual(['core-ai', 'email', 'gateway-api', 'integration', 'loader', 'ticket']);
    expect(report.healthy).toBe(true);
  });

  it('carries one trace id from the caller through HTTP and Bull jobs into every log line', async () => {
    const traceId = `e2e-${randomBytes(6).toString('hex')}`;
    const res = await admin.get<SystemCheckReport>('/api/v1/system/check', {
      'x-request-id': traceId,
    });
    expect(res.headers.get('x-request-id')).toBe(traceId);
    expect(res.body.traceId).toBe(traceId);

    // The request log line is written when the response finishes.
    await gateway.logs.waitFor((l) => l.trace_id === traceId && l.msg === 'request completed');
    expect(gateway.logs.withTraceId(traceId).some((l) => l.msg === 'system check: healthy')).toBe(
      true,
    );

    const ticket = booted.get('ticket')!;
    // Over HTTP: ticket logged the traced readiness request under the caller's id.
    const httpLine = await ticket.logs.waitFor(
      (l) => l.trace_id === traceId && l.msg === 'request completed',
    );
    expect((httpLine['req'] as { url: string }).url).toBe('/health/ready');
    // Through Bull: ticket's worker logged the heartbeat job under the same id.
    await ticket.logs.waitFor(
      (l) => l.trace_id === traceId && l.msg === 'heartbeat from gateway-api consumed',
    );

    // A service with no workers still got the id over HTTP.
    await booted
      .get('core-ai')!
      .logs.waitFor((l) => l.trace_id === traceId && l.msg === 'request completed');
  });

  it('is for administrators only', async () => {
    expect((await new ApiClient(gateway.url).get('/api/v1/system/check')).status).toBe(401);
    const forged = new ApiClient(gateway.url).withBearer('not-a-token');
    expect((await forged.get('/api/v1/system/check')).status).toBe(401);
  });

  it('reports a stopped service as unreachable and not consuming', async () => {
    const loader = booted.get('loader')!;
    await loader.close();
    booted.delete('loader');
    const { body: report } = await admin.get<SystemCheckReport>('/api/v1/system/check');
    const entry = report.services.find((s) => s.service === 'loader')!;
    expect(report.healthy).toBe(false);
    expect(entry.http).toMatchObject({ ready: false, failing: ['unreachable'] });
    expect(entry.queue?.consumed).toBe(false);
  });
});
