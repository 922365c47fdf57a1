const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** Turns one pino JSON line into `12:00:01 INFO  [Context] message (trace abc…)` for a terminal. */
export function formatLogLine(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const time = new Date(Number(entry['time'])).toISOString().slice(11, 19);
    const level = (LEVELS[Number(entry['level'])] ?? 'LOG').padEnd(5);
    const context = entry['context'] ? `[${String(entry['context'])}] ` : '';
    const req = entry['req'] as { method?: string; url?: string } | undefined;
    const res = entry['res'] as { statusCode?: number } | undefined;
    const http =
      req && res
        ? ` ${req.method} ${req.url} ${res.statusCode} ${String(entry['responseTime'])}ms`
        : '';
    const trace = entry['trace_id'] ? ` (trace ${String(entry['trace_id']).slice(0, 12)})` : '';
    const err = entry['err'] as { message?: string } | undefined;
    return `${time} ${level} ${context}${String(entry['msg'] ?? '')}${http}${trace}${err?.message ? ` — ${err.message}` : ''}`;
  } catch {
    return line;
  }
}
