import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { ForeignKeyConstraintError, UniqueConstraintError } from 'sequelize';
import { AppException } from '@cxgenie/contracts';
import { InvalidCursorError } from '@cxgenie/database';
import { type ApiErrorBody, type FieldProblem, HTTP_STATUS_OF } from './api-error';

const reason = (status: number): string => STATUS_CODES[status] ?? 'Error';

const fromHttpException = (exception: HttpException): ApiErrorBody => {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const body =
    typeof response === 'string' ? { message: response } : (response as Record<string, unknown>);
  const message = Array.isArray(body['message'])
    ? body['message'].join('; ')
    : String(body['message'] ?? exception.message);
  const details = Array.isArray(body['details']) ? (body['details'] as FieldProblem[]) : [];
  return { statusCode, error: reason(statusCode), message, details };
};

/**
 * Renders every failure, ours or a library's, as `{ statusCode, error, message, details[] }`: a
 * domain error (`AppException`) by its kind, whichever module threw it.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (!res.headersSent) res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof AppException) {
      const statusCode = HTTP_STATUS_OF[exception.kind];
      return {
        statusCode,
        error: reason(statusCode),
        message: exception.message,
        details: exception.details,
        code: exception.code,
      };
    }
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (exception instanceof UniqueConstraintError) {
      const fields = Object.keys(exception.fields ?? {});
      return {
        statusCode: HttpStatus.CONFLICT,
        error: reason(HttpStatus.CONFLICT),
        message: 'A resource with these values already exists',
        details: fields.map((field) => ({ field, message: 'is already taken' })),
      };
    }
    if (exception instanceof InvalidCursorError) {
      return {
        statusCode: HttpStatus.BAD_REQUEST,
        error: reason(HttpStatus.BAD_REQUEST),
        message: exception.message,
        details: [{ field: 'cursor', message: exception.message }],
      };
    }
    if (exception instanceof ForeignKeyConstraintError) {
      const field = String(exception.fields?.[0] ?? exception.index ?? 'reference');
      return {
        statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
        error: reason(HttpStatus.UNPROCESSABLE_ENTITY),
        message: 'A referenced resource does not exist',
        details: [{ field, message: 'refers to a resource that does not exist' }],
      };
    }
    // Body-parser failures (malformed JSON, payload too large) carry their HTTP status.
    const status = (exception as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = status === 400 ? 'Malformed request body' : (exception as Error).message;
      return { statusCode: status, error: reason(status), message, details: [] };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: reason(500),
      message: 'Internal server error',
      details: [],
    };
  }
}
