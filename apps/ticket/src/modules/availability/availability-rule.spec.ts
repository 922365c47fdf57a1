import { effectiveAvailability } from './availability-rule';

const IDLE_AFTER = 60_000;
const NOW = 1_000_000;

describe('effectiveAvailability', () => {
  it('is offline without a socket, whatever the agent chose', () => {
    for (const status of ['online', 'idle', 'offline'] as const)
      expect(effectiveAvailability({ sockets: 0, status, activityAt: NOW }, NOW, IDLE_AFTER)).toBe(
        'offline',
      );
  });

  it('follows the chosen status while connected', () => {
    expect(
      effectiveAvailability({ sockets: 2, status: 'offline', activityAt: NOW }, NOW, IDLE_AFTER),
    ).toBe('offline');
    expect(
      effectiveAvailability({ sockets: 1, status: 'idle', activityAt: NOW }, NOW, IDLE_AFTER),
    ).toBe('idle');
    expect(
      effectiveAvailability({ sockets: 1, status: 'online', activityAt: NOW }, NOW, IDLE_AFTER),
    ).toBe('online');
  });

  it('turns idle once the agent has been inactive for the configured time', () => {
    const facts = (activityAt: number | null) => ({
      sockets: 1,
      status: 'online' as const,
      activityAt,
    });
    expect(effectiveAvailability(facts(NOW - IDLE_AFTER + 1), NOW, IDLE_AFTER)).toBe('online');
    expect(effectiveAvailability(facts(NOW - IDLE_AFTER), NOW, IDLE_AFTER)).toBe('idle');
    expect(effectiveAvailability(facts(null), NOW, IDLE_AFTER)).toBe('online');
  });
});
