import type { Answerability } from '@cxgenie/contracts';

/** What each evidence feature means, for someone tuning a bot (core-ai's evidence-features.ts). */
const FEATURE_LABELS: Record<string, string> = {
  evidence: 'Retrieval evidence (combined)',
  relevance: 'Best passage’s relevance',
  coverage: 'Question terms in the best passage',
  unionCoverage: 'Question terms in the top passages',
  headingCoverage: 'Question terms in headings',
  proximity: 'Terms close together',
  cosine: 'Meaning similarity',
  agreement: 'Full-text and vector search agree',
  unknownTerms: 'Terms the knowledge never uses',
  missingName: 'A name the knowledge lacks',
  nameAwayFromTop: 'Names missing from the top passages',
  grounding: 'Answer supported by its sources',
  judged: 'Model’s check of the answer',
};

/** The features that weigh most visibly: evidence and grounding first, then the strongest. */
function mainFeatures(features: Record<string, number>, count: number): [string, number][] {
  const first = ['evidence', 'grounding', 'judged'].filter((k) => k in features);
  const rest = Object.entries(features)
    .filter(([k]) => !first.includes(k))
    .sort((a, b) => b[1] - a[1]);
  return [...first.map((k) => [k, features[k]!] as [string, number]), ...rest].slice(0, count);
}

/**
 * A small "why" beside a bot answer: the answerability score against the bot's threshold, the
 * decision in words, and the main evidence features.
 */
export function WhyDisclosure({
  answerability,
  features = 6,
}: {
  answerability: Answerability | null | undefined;
  features?: number;
}) {
  if (!answerability) return null;
  const { score, threshold, reason } = answerability;
  const answered = score >= threshold;
  return (
    <details
      className="why"
      data-testid="answer-why"
      data-score={String(score)}
      data-threshold={String(threshold)}
    >
      <summary>
        Why? score <strong data-testid="why-score">{score.toFixed(2)}</strong>{' '}
        {answered ? '≥' : '<'} threshold{' '}
        <span data-testid="why-threshold">{threshold.toFixed(2)}</span>
      </summary>
      <p className="muted" data-testid="why-reason">
        {reason}
      </p>
      <dl className="why-features">
        {mainFeatures(answerability.features, features).map(([key, value]) => (
          <div key={key} data-testid="why-feature" data-feature={key}>
            <dt>{FEATURE_LABELS[key] ?? key}</dt>
            <dd>{value.toFixed(2)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
