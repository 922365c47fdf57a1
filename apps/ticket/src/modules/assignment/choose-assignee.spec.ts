import { type AssignmentCandidate, chooseAssignee } from './choose-assignee';

const agent = (userId: string, load: number, lastAssignedAt: number | null, capacity = 5) =>
  ({ userId, capacity, load, lastAssignedAt }) satisfies AssignmentCandidate;

describe('chooseAssignee', () => {
  it('prefers the least loaded agent', () => {
    expect(chooseAssignee([agent('a', 3, 1), agent('b', 1, 9), agent('c', 2, 0)])?.userId).toBe(
      'b',
    );
  });

  it('breaks ties by who was assigned longest ago, never-assigned first', () => {
    expect(chooseAssignee([agent('a', 1, 50), agent('b', 1, 10)])?.userId).toBe('b');
    expect(chooseAssignee([agent('a', 1, 50), agent('b', 1, null)])?.userId).toBe('b');
    expect(chooseAssignee([agent('b', 0, null), agent('a', 0, null)])?.userId).toBe('a');
  });

  it('skips agents at capacity and returns null when everyone is full', () => {
    expect(chooseAssignee([agent('a', 2, null, 2), agent('b', 4, 0)])?.userId).toBe('b');
    expect(chooseAssignee([agent('a', 2, null, 2), agent('b', 5, 0)])).toBeNull();
    expect(chooseAssignee([])).toBeNull();
  });

  it('rotates through equally loaded agents as assignments are made', () => {
    const team = [agent('a', 0, null), agent('b', 0, null), agent('c', 0, null)];
    const order: string[] = [];
    for (let now = 1; now <= 6; now += 1) {
      const pick = chooseAssignee(team)!;
      order.push(pick.userId);
      pick.lastAssignedAt = now;
      // Each ticket is solved at once, so load alone would always pick the same agent.
    }
    expect(order).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });
});
