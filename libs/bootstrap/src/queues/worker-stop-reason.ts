/**
 * Why a Bull `process()` loop ended, for the log line. Bull rejects it with no reason at all when
 * the queue is closed while the worker is still starting (a service stopped right after boot).
 */
export const workerStopReason = (error: unknown): string => {
  if (error === undefined) return 'the queue closed while the worker was starting';
  return error instanceof Error ? error.message : String(error);
};
