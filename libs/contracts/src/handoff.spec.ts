import { slaTargetView } from './handoff';

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));

describe('slaTargetView', () => {
  const due = at(30);

  it('runs until the due time, then reads as breached even before the check recorded it', () => {
    const target = { dueAt: due, achievedAt: null, breachedAt: null };
    expect(slaTargetView(target, 'running', at(29)).state).toBe('running');
    expect(slaTargetView(target, 'running', at(31))).toMatchObject({
      state: 'breached',
      breachedAt: null,
    });
  });

  it('is met when reached in time, breached when reached late', () => {
    expect(
      slaTargetView({ dueAt: due, achievedAt: at(30), breachedAt: null }, 'running', at(90)).state,
    ).toBe('met');
    expect(
      slaTargetView({ dueAt: due, achievedAt: at(45), breachedAt: null }, 'running', at(90)).state,
    ).toBe('breached');
  });

  it('stays breached once recorded, and has no state without a target or after the ticket ended', () => {
    expect(
      slaTargetView({ dueAt: due, achievedAt: at(10), breachedAt: at(31) }, 'running', at(90)),
    ).toMatchObject({ state: 'breached', breachedAt: at(31).toISOString() });
    expect(
      slaTargetView({ dueAt: null, achievedAt: null, breachedAt: null }, 'running', at(90)).state,
    ).toBe('none');
    expect(
      slaTargetView({ dueAt: due, achievedAt: null, breachedAt: null }, 'stopped', at(90)).state,
    ).toBe('none');
  });

  it('is paused while the ticket waits on the customer, even past its due time', () => {
    const target = { dueAt: due, achievedAt: null, breachedAt: null };
    expect(slaTargetView(target, 'paused', at(90)).state).toBe('paused');
    // What was decided before the pause stands.
    expect(slaTargetView({ ...target, achievedAt: at(10) }, 'paused', at(90)).state).toBe('met');
    expect(slaTargetView({ ...target, breachedAt: at(31) }, 'paused', at(90)).state).toBe(
      'breached',
    );
  });
});
