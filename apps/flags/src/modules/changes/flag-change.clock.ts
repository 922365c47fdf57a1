import { Injectable } from '@nestjs/common';

/** When the SDK last reported a flag change (epoch ms), for the status route and the metrics. */
@Injectable()
export class FlagChangeClock {
  lastChangeAt: number | null = null;
  changes = 0;
  pushes = 0;

  record(at: number): void {
    this.lastChangeAt = at;
    this.changes += 1;
  }
}
