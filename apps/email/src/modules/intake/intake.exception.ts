import { AppException, type ErrorKind } from '@cxgenie/contracts';

export enum IntakeExceptionCode {
  /** Another worker is receiving the same mail (same Message-ID) right now: try again shortly. */
  BUSY = 'BUSY',
}

const KINDS: Record<IntakeExceptionCode, ErrorKind> = {
  BUSY: 'unavailable',
};

/** Why a mail could not be received now (definitive outcomes are results, not errors). */
export class IntakeException extends AppException<IntakeExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static busy(rfcMessageId: string): IntakeException {
    return new IntakeException(
      IntakeExceptionCode.BUSY,
      `Mail <${rfcMessageId}> is being received by another worker; try again shortly`,
    );
  }
}
