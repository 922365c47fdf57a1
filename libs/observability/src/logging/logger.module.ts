import { type DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentTraceId, newTraceId, traceIdFromHeaders } from '../tracing/trace-context';
import { LogContext, ROOT_LOGGER } from './log-context';

export interface ServiceLoggerOptions {
  service: string;
  level: string;
  /** Where JSON lines go; stdout when omitted. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

const QUIET_PATHS = /^\/(health|metrics)(\/|$|\?)/;

const createRootLogger = ({ service, level, destination }: ServiceLoggerOptions): Logger =>
  pino(
    {
      level,
      base: { service },
      messageKey: 'msg',
      mixin: () => {
        const traceId = currentTraceId();
        return traceId ? { trace_id: traceId } : {};
      },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-hub-signature-256"]',
          'req.headers["x-service-token"]',
        ],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination(1),
  );

/** One JSON line per event, each stamped with the service name and the current trace id. */
@Module({})
export class ServiceLoggerModule {
  static forRoot(options: ServiceLoggerOptions): DynamicModule {
    const root = createRootLogger(options);
    return {
      module: ServiceLoggerModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger: root,
            genReqId: (req: IncomingMessage & { id?: unknown }) =>
              typeof req.id === 'string' ? req.id : newTraceId(),
            // Orchestrator probes are noise; a health call that is part of a trace (the system
            // check) is logged so the trace can be followed through it.
            autoLogging: {
              ignore: (req) => QUIET_PATHS.test(req.url ?? '') && !traceIdFromHeaders(req.headers),
            },
          },
        }),
      ],
      providers: [{ provide: ROOT_LOGGER, useValue: root }, LogContext],
      exports: [ROOT_LOGGER, LogContext],
    };
  }
}
