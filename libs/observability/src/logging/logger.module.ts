import { type DynamicModule, Module } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { currentTraceId, newTraceId, traceIdFromHeaders } from '../tracing/trace-context';
import { deferRequestBindings } from './deferred-request-logger';
import { LogContext, ROOT_LOGGER } from './log-context';
import { redactString, redactValue } from './secret-redaction';

export interface ServiceLoggerOptions {
  service: string;
  level: string;
  /** Where JSON lines go; stdout when omitted. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

const QUIET_PATHS = /^\/(health|metrics)(\/|$|\?)/;

/** Request and response as pino-http serialized them, as plain objects without secrets. */
const redactedShape = (serialized: object): unknown => redactValue({ ...serialized });
const redactedError = (error: Error): unknown => redactValue(pino.stdSerializers.err(error));

export const HTTP_SERIALIZERS = { req: redactedShape, res: redactedShape, err: redactedError };

/**
 * pino-http's options: one "request completed" line per request at info, with the request and
 * response redacted. The request is bound to the request's logger only when a line is written
 * through it (`deferRequestBindings`), so a request that logs nothing costs no serialisation.
 */
export const requestLoggingOptions = (
  root: Logger,
  serializers: typeof HTTP_SERIALIZERS = HTTP_SERIALIZERS,
): PinoHttpOptions => ({
  logger: deferRequestBindings(root),
  serializers,
  genReqId: (req: IncomingMessage & { id?: unknown }) =>
    typeof req.id === 'string' ? req.id : newTraceId(),
  // Orchestrator probes are noise; a health call that is part of a trace (the system check) is
  // logged so the trace can be followed through it.
  // Below info the request line is never written: no listeners wait to build it.
  autoLogging: {
    ignore: (req) =>
      !root.isLevelEnabled('info') ||
      (QUIET_PATHS.test(req.url ?? '') && !traceIdFromHeaders(req.headers)),
  },
});

export const createRootLogger = ({ service, level, destination }: ServiceLoggerOptions): Logger =>
  pino(
    {
      level,
      base: { service },
      messageKey: 'msg',
      mixin: () => {
        const traceId = currentTraceId();
        return traceId ? { trace_id: traceId } : {};
      },
      serializers: { err: redactedError },
      // Credentials in any logged object, and in any message string, never reach a line.
      formatters: { log: (object) => redactValue(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const [first, second] = args as unknown[];
          const scrubbed: unknown[] = args.map((arg: unknown) =>
            typeof arg === 'string' ? redactString(arg) : arg,
          );
          // An error logged without a message lends it its own, which must be scrubbed too.
          if (first instanceof Error && typeof second !== 'string') {
            scrubbed.splice(1, 0, redactString(first.message));
          }
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
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
          pinoHttp: requestLoggingOptions(root),
        }),
      ],
      providers: [{ provide: ROOT_LOGGER, useValue: root }, LogContext],
      exports: [ROOT_LOGGER, LogContext],
    };
  }
}
