import type { TracedJobData } from './tracing';
import type { ServiceName } from './services';

export type HealthStatus = 'ok' | 'error' | 'shutting_down';

/** Body of `GET /health/ready` and `GET /health/live` on every service (Terminus shape). */
export interface HealthReport {
  status: HealthStatus;
  info?: Record<string, { status: 'up' | 'down'; [key: string]: unknown }>;
  error?: Record<string, { status: 'up' | 'down'; [key: string]: unknown }>;
  details: Record<string, { status: 'up' | 'down'; [key: string]: unknown }>;
}

export type HeartbeatJobData = TracedJobData & { requestedBy: ServiceName; sentAt: number };

export interface HeartbeatJobResult {
  service: ServiceName;
  traceId: string;
  processedAt: number;
}

export interface ServiceCheck {
  service: ServiceName;
  http: { ready: boolean; statusCode: number | null; latencyMs: number; failing: string[] };
  queue: { consumed: boolean; latencyMs: number | null; error?: string } | null;
}

/** Body of gateway-api `GET /api/v1/system/check`. */
export interface SystemCheckReport {
  traceId: string;
  healthy: boolean;
  services: ServiceCheck[];
}
