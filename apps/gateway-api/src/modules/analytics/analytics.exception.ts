import { AppException, type ErrorKind, type FieldProblem } from '@cxgenie/contracts';

export enum AnalyticsExceptionCode {
  /** `from` or `to` is not a date (`YYYY-MM-DD`) or local date-time (`YYYY-MM-DDThh:mm`). */
  INVALID_TIME = 'INVALID_TIME',
  /** `to` is not after `from`. */
  EMPTY_RANGE = 'EMPTY_RANGE',
  /** The range is longer than the reports reach (13 months). */
  RANGE_TOO_LONG = 'RANGE_TOO_LONG',
  /** The report has no such bucket. */
  BUCKET_NOT_ALLOWED = 'BUCKET_NOT_ALLOWED',
}

const KINDS: Record<AnalyticsExceptionCode, ErrorKind> = {
  INVALID_TIME: 'invalid',
  EMPTY_RANGE: 'invalid',
  RANGE_TOO_LONG: 'invalid',
  BUCKET_NOT_ALLOWED: 'invalid',
};

/** The reports' refusals: every one a 400 naming the field. */
export class AnalyticsException extends AppException<AnalyticsExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static of(code: AnalyticsExceptionCode, field: string, problem: string): AnalyticsException {
    const details: FieldProblem[] = [{ field, message: problem }];
    return new AnalyticsException(code, `${field}: ${problem}`, details);
  }
}
