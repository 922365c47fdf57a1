import { NotFoundException } from '@nestjs/common';

/** Flags are declared once, in libs/contracts: a key missing there is a caller's mistake. */
export class UnknownFlagException extends NotFoundException {
  constructor(flagKey: string) {
    super(`Unknown flag "${flagKey}": flags are declared in libs/contracts (Flags)`);
  }
}
