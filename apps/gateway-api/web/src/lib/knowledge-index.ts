import type { components } from '../api/schema';

export type KnowledgeIndexReport = components['schemas']['KnowledgeIndexResponse'];

/** What the knowledge tab says about the bot's search index, and how loudly. */
export interface IndexNotice {
  tone: 'success' | 'warning' | 'danger' | 'neutral';
  text: string;
}

const chunks = (n: number) => `${n} chunk${n === 1 ? '' : 's'}`;

/**
 * The last check of the bot's index, in words. Nothing to say when it was never checked (or
 * core-ai did not answer): a new bot's index is not a problem to report.
 */
export function describeKnowledgeIndex(report: KnowledgeIndexReport | null): IndexNotice | null {
  if (!report || report.state === 'unknown') return null;
  if (report.state === 'checking') return { tone: 'neutral', text: 'Checking the search index…' };
  if (report.state === 'incomplete' || report.failed) {
    const missing = report.missing - report.repaired;
    return {
      tone: 'danger',
      text:
        missing > 0
          ? `${chunks(missing)} of ${report.expected} are missing from the search index: the bot cannot answer from them until the index is repaired.`
          : 'The last check of the search index failed: some knowledge may not be searchable.',
    };
  }
  if (report.chunksInOtherSpaces > 0)
    return {
      tone: 'warning',
      text: `${chunks(report.chunksInOtherSpaces)} ${report.chunksInOtherSpaces === 1 ? 'was' : 'were'} embedded with another model: reprocess their sources to make them searchable.`,
    };
  const repaired = report.repaired > 0 ? `, ${chunks(report.repaired)} written again` : '';
  return {
    tone: 'success',
    text: `Search index complete: ${chunks(report.expected)}${repaired}.`,
  };
}
