import { ApiClient, type BootedService, bootService } from '@cxgenie/testing';
import { gatewayApiService } from '../gateway-api.service';

interface Operation {
  security?: unknown[];
  responses: Record<string, unknown>;
}

describe('OpenAPI document', () => {
  let gateway: BootedService;
  let operations: { method: string; path: string; op: Operation }[];

  beforeAll(async () => {
    gateway = await bootService(gatewayApiService);
    const docs = await new ApiClient(gateway.url).get<{
      paths: Record<string, Record<string, Operation>>;
    }>('/api/docs-json');
    operations = Object.entries(docs.body.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
      );
  });

  afterAll(() => gateway.close());

  it('documents the error responses of every route', () => {
    const missing = operations.flatMap(({ method, path, op }) => {
      const expected = [
        '400',
        ...(op.security?.length ? ['401', '403'] : []),
        ...(path.includes('{') ? ['404'] : []),
      ];
      return expected
        .filter((code) => !op.responses[code])
        .map((code) => `${method} ${path} lacks ${code}`);
    });
    expect(missing).toEqual([]);
  });

  it('marks as secured exactly the routes that refuse a request without credentials', async () => {
    const mismatches: string[] = [];
    for (const { method, path, op } of operations) {
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await new ApiClient(gateway.url).request(
        method,
        url,
        method === 'GET' || method === 'DELETE' ? undefined : {},
      );
      const documentedSecure = (op.security?.length ?? 0) > 0;
      if (documentedSecure !== (res.status === 401))
        mismatches.push(
          `${method} ${path}: documented ${documentedSecure ? 'secured' : 'public'}, answered ${res.status}`,
        );
    }
    expect(mismatches).toEqual([]);
  });
});
