export interface AssignmentCandidate {
  userId: string;
  /** Most active tickets the agent may hold (`max_concurrent_conversations`). */
  capacity: number;
  /** Active (open or pending) tickets the agent holds now. */
  load: number;
  /** Epoch ms of the agent's last automatic assignment; null if never. */
  lastAssignedAt: number | null;
}

/**
 * Least loaded first; among equally loaded agents, the one who waited longest since their last
 * assignment (round robin), then by id so the choice is deterministic. Agents at capacity are
 * never chosen. Callers pass online agents only.
 */
export function chooseAssignee(candidates: AssignmentCandidate[]): AssignmentCandidate | null {
  let best: AssignmentCandidate | null = null;
  for (const candidate of candidates) {
    if (candidate.load >= candidate.capacity) continue;
    if (!best || ranksBefore(candidate, best)) best = candidate;
  }
  return best;
}

function ranksBefore(a: AssignmentCandidate, b: AssignmentCandidate): boolean {
  if (a.load !== b.load) return a.load < b.load;
  const aLast = a.lastAssignedAt ?? -Infinity;
  const bLast = b.lastAssignedAt ?? -Infinity;
  if (aLast !== bLast) return aLast < bLast;
  return a.userId < b.userId;
}
