import { workerStopReason } from './worker-stop-reason';

describe('workerStopReason', () => {
  it("names an error's message, and a closed queue when Bull gives no reason", () => {
    expect(workerStopReason(new Error('Connection is closed.'))).toBe('Connection is closed.');
    expect(workerStopReason(undefined)).toBe('the queue closed while the worker was starting');
    expect(workerStopReason('Connection is closed.')).toBe('Connection is closed.');
  });
});
