import type { AvailabilitySource } from '@cxgenie/contracts';

export interface RecomputeAvailabilityCommand {
  workspaceId: string;
  userId: string;
  /** What prompted the recomputation; recorded with the change. */
  source: AvailabilitySource;
}
