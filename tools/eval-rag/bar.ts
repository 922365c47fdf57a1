import type { ModeMetrics } from './evaluate';

/** The quality a bot must reach with the local providers alone, in both retrieval modes. */
export const BAR = { recallAt5: 0.8, handoffAccuracy: 0.85 } as const;

export const meetsBar = (metrics: ModeMetrics): boolean =>
  metrics.recallAt5 >= BAR.recallAt5 && metrics.handoffAccuracy >= BAR.handoffAccuracy;
