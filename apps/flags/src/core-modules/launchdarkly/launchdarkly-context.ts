import type { LDContext } from '@launchdarkly/node-server-sdk';
import type { FlagContext, FlagReason } from '@cxgenie/contracts';

/**
 * One context kind per thing a flag can target: `workspace` always, `user` (a member) and `bot`
 * when known. A single kind stays a single-kind context; several make a multi-kind one.
 */
export function toLaunchDarklyContext({ workspaceId, userId, botId }: FlagContext): LDContext {
  if (!userId && !botId) return { kind: 'workspace', key: workspaceId };
  return {
    kind: 'multi',
    workspace: { key: workspaceId },
    ...(userId ? { user: { key: userId } } : {}),
    ...(botId ? { bot: { key: botId } } : {}),
  };
}

/** The SDK's reason, reduced to the fields the contract names. */
export function toFlagReason(reason: {
  kind: string;
  ruleIndex?: number;
  ruleId?: string;
  prerequisiteKey?: string;
  inExperiment?: boolean;
  errorKind?: string;
}): FlagReason {
  const out: FlagReason = { kind: reason.kind as FlagReason['kind'] };
  if (reason.ruleIndex !== undefined) out.ruleIndex = reason.ruleIndex;
  if (reason.ruleId !== undefined) out.ruleId = reason.ruleId;
  if (reason.prerequisiteKey !== undefined) out.prerequisiteKey = reason.prerequisiteKey;
  if (reason.inExperiment !== undefined) out.inExperiment = reason.inExperiment;
  if (reason.errorKind !== undefined) out.errorKind = reason.errorKind;
  return out;
}
