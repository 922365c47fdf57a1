import { formatLogLine } from './log-format';

describe('formatLogLine', () => {
  it('renders a request log line with method, url, status, time and a short trace id', () => {
    const line = JSON.stringify({
      level: 30,
      time: Date.UTC(2026, 0, 1, 12, 0, 1),
      msg: 'request completed',
      req: { method: 'GET', url: '/health/ready' },
      res: { statusCode: 200 },
      responseTime: 4,
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
    });
    expect(formatLogLine(line)).toBe(
      '12:00:01 INFO  request completed GET /health/ready 200 4ms (trace 4bf92f3577b3)',
    );
  });

  it('passes through lines that are not JSON', () => {
    expect(formatLogLine('gateway-api: Invalid configuration: REDIS_URL is required')).toBe(
      'gateway-api: Invalid configuration: REDIS_URL is required',
    );
  });
});
