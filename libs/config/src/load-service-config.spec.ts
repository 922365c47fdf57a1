import { ConfigError } from './config.error';
import { loadServiceConfig } from './load-service-config';

describe('loadServiceConfig', () => {
  it('boots a developer machine with no environment at all', () => {
    const config = loadServiceConfig('core-ai', {});
    expect(config.port).toBe(3001);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database.poolMax).toBe(25);
    expect(config.serviceUrls['ticket']).toBe('http://127.0.0.1:3006');
  });

  it('reads the port of its own service and the URLs of the others', () => {
    const config = loadServiceConfig('ticket', {
      TICKET_PORT: '4106',
      CORE_AI_URL: 'http://core-ai.internal:80/',
    });
    expect(config.port).toBe(4106);
    expect(config.serviceUrls['ticket']).toBe('http://127.0.0.1:4106');
    expect(config.serviceUrls['core-ai']).toBe('http://core-ai.internal:80');
  });

  it('names a required variable that is missing in production', () => {
    expect(() =>
      loadServiceConfig('gateway-api', {
        NODE_ENV: 'production',
        REDIS_URL: 'redis://r:6379',
        JWT_SECRET: 'e1f0b2c6a9d84f3bb1c07e55d2a6f9a4c3b8e7d1',
        ENCRYPTION_KEY: '3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c',
        SERVICE_TOKEN: '7d1e3f5a7b9c1d3e5f7a9b1c3d5e7f9a1b3c5d7e',
        CLICKHOUSE_URL: 'http://clickhouse:8123',
        STORAGE_DRIVER: 's3',
        S3_BUCKET: 'documents',
      }),
    ).toThrow(/^Invalid configuration: DATABASE_URL is required when NODE_ENV=production$/);
  });

  it('reports every invalid variable by name in one line', () => {
    let error: unknown;
    try {
      loadServiceConfig('gateway-api', {
        REDIS_URL: 'http://not-redis',
        GATEWAY_API_PORT: 'eighty',
        DATABASE_POOL_MAX: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, problems } = error as ConfigError;
    expect(message).not.toContain('\n');
    expect(problems.map((p) => p.variable).sort()).toEqual([
      'DATABASE_POOL_MAX',
      'GATEWAY_API_PORT',
      'REDIS_URL',
    ]);
    expect(message).toContain('REDIS_URL must be a redis:// or rediss:// URL');
  });

  it('answers 1,024 conversations at once per worker process unless told otherwise, never 0', () => {
    expect(loadServiceConfig('gateway-api', {}).inboundConcurrency).toBe(1_024);
    expect(loadServiceConfig('gateway-api', { INBOUND_CONCURRENCY: '32' }).inboundConcurrency).toBe(
      32,
    );
    expect(() => loadServiceConfig('gateway-api', { INBOUND_CONCURRENCY: '0' })).toThrow(
      /INBOUND_CONCURRENCY/,
    );
  });

  it('lets the crawler connect to ports 80 and 443 unless a list is configured', () => {
    expect(loadServiceConfig('loader', {}).loader.crawlAllowedPorts).toEqual([80, 443]);
    expect(
      loadServiceConfig('loader', { CRAWL_ALLOWED_PORTS: '443, 8443' }).loader.crawlAllowedPorts,
    ).toEqual([443, 8443]);
    expect(() => loadServiceConfig('loader', { CRAWL_ALLOWED_PORTS: '80,http' })).toThrow(
      /CRAWL_ALLOWED_PORTS must be a comma-separated list of ports/,
    );
    expect(() => loadServiceConfig('loader', { CRAWL_ALLOWED_PORTS: '0' })).toThrow(
      /CRAWL_ALLOWED_PORTS is invalid: ports must be between 1 and 65535/,
    );
  });

  it('treats an empty variable as unset', () => {
    expect(loadServiceConfig('flags', { LOG_LEVEL: '' }).logLevel).toBe('info');
  });

  it('requires a Milvus address when Milvus is the vector store', () => {
    expect(() => loadServiceConfig('core-ai', { VECTOR_STORE: 'milvus' })).toThrow(
      'MILVUS_ADDRESS is required when VECTOR_STORE=milvus',
    );
  });

  it('serves the flags file without a LaunchDarkly key, and takes the SDK endpoints with one', () => {
    const offline = loadServiceConfig('flags', {});
    expect(offline.flags.launchDarkly.sdkKey).toBeNull();
    expect(offline.flags.file).toMatch(/\/config\/flags\.json$/);
    expect(offline.flags).toMatchObject({ cacheTtlSeconds: 300, timeoutMs: 500 });

    const keyed = loadServiceConfig('flags', {
      LAUNCHDARKLY_SDK_KEY: 'sdk-key',
      LAUNCHDARKLY_STREAM_URI: 'http://relay.internal:8030/',
      LAUNCHDARKLY_BASE_URI: 'http://relay.internal:8030',
      LAUNCHDARKLY_EVENTS_URI: 'http://relay.internal:8030',
    });
    expect(keyed.flags.launchDarkly).toEqual({
      sdkKey: 'sdk-key',
      streamUri: 'http://relay.internal:8030',
      baseUri: 'http://relay.internal:8030',
      eventsUri: 'http://relay.internal:8030',
    });
    expect(() => loadServiceConfig('flags', { LAUNCHDARKLY_STREAM_URI: 'stream' })).toThrow(
      /LAUNCHDARKLY_STREAM_URI/,
    );
  });
});
