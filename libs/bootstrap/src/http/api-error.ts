import { HttpException, HttpStatus } from '@nestjs/common';

/** One field that made a request invalid, by its path in the body or query (`settings.topK`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The one error body every service answers with, whatever failed. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: FieldProblem[];
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
