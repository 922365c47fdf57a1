import { HttpException, HttpStatus } from '@nestjs/common';
import { type ErrorKind, type FieldProblem } from '@cxgenie/contracts';

export type { FieldProblem } from '@cxgenie/contracts';

/** The one error body every service answers with, whatever failed. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: FieldProblem[];
  /** The module's error code (`TICKET_CLOSED`…), when a domain error caused it. */
  code?: string;
}

/** A 400 whose details name each offending field. */
export class ApiValidationException extends HttpException {
  constructor(readonly details: FieldProblem[]) {
    super(
      {
        message: details.map((d) => `${d.field}: ${d.message}`).join('; ') || 'Invalid request',
        details,
      },
      HttpStatus.BAD_REQUEST,
    );
  }
}

/** How each kind of domain error answers over HTTP: the one mapping, for every module's codes. */
export const HTTP_STATUS_OF: Readonly<Record<ErrorKind, number>> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_media: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  gone: HttpStatus.GONE,
  upstream_failed: HttpStatus.BAD_GATEWAY,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};
