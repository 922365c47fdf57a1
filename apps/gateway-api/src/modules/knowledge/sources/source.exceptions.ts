import { ConflictException } from '@nestjs/common';
import type { KnowledgeSourceType } from '@cxgenie/contracts';

/** Re-crawling is for websites, re-processing for uploaded documents. */
export class WrongSourceTypeException extends ConflictException {
  constructor(action: string, expected: KnowledgeSourceType, actual: KnowledgeSourceType) {
    super(`Only ${expected} sources can be ${action}; this source is a ${actual}`);
  }
}

/** A second run while one is queued or running would race it over the same chunks. */
export class SourceBusyException extends ConflictException {
  constructor(status: string) {
    super(`The source is already ${status}; wait until it is ready or failed`);
  }
}
