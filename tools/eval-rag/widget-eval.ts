import type { Question, RagDataset } from './dataset';
import type { Metrics } from './metrics';

/** Placeholder until the end-to-end run is written. */
export async function runWidgetEval(
  _dataset: RagDataset,
  _questions: readonly Question[],
): Promise<{ metrics: Metrics; ingestSeconds: number } | null> {
  return null;
}
