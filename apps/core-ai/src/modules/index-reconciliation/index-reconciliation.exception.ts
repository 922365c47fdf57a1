import { AppException, type ErrorKind, notFoundMessage } from '@cxgenie/contracts';

export enum IndexReconciliationExceptionCode {
  BOT_NOT_FOUND = 'BOT_NOT_FOUND',
}

const KINDS: Record<IndexReconciliationExceptionCode, ErrorKind> = {
  BOT_NOT_FOUND: 'not_found',
};

export class IndexReconciliationException extends AppException<IndexReconciliationExceptionCode> {
  get kind(): ErrorKind {
    return KINDS[this.code];
  }

  static botNotFound(): IndexReconciliationException {
    return new IndexReconciliationException(
      IndexReconciliationExceptionCode.BOT_NOT_FOUND,
      notFoundMessage('Bot'),
    );
  }
}
