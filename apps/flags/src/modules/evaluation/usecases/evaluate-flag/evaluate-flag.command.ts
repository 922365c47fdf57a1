import type { FlagContext } from '@cxgenie/contracts';

export interface EvaluateFlagCommand {
  flagKey: string;
  context: FlagContext;
}
