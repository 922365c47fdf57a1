import { NotFoundException } from '@nestjs/common';

/** Missing, soft-deleted, or another workspace's: callers cannot tell, by design. */
export class ResourceNotFoundException extends NotFoundException {
  constructor(resource: string) {
    super(`${resource} not found`);
  }
}
