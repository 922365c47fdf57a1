import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { Schemas } from '../../api/types';
import { Badge, Button, FormError, TextField } from '../../components/ui';
import { WhyDisclosure } from '../../components/why-disclosure';

type Tried = Schemas['TryAnswerResponse'];
interface Turn {
  question: string;
  result: Tried;
}

const OUTCOME_TEXT: Record<Tried['verdict']['outcome'], string> = {
  answered: 'Answered from the knowledge',
  generated: 'Not in the knowledge — the model answered anyway (AI_GENERATE)',
  fallback: 'Not in the knowledge — the fallback message was sent (INPUT_ANSWER)',
  silent: 'Not in the knowledge — the bot stayed silent and would hand over (NO_REPLY)',
};

function TurnView({ turn }: { turn: Turn }) {
  const { result } = turn;
  return (
    <article className="turn" data-testid="playground-turn" data-outcome={result.verdict.outcome}>
      <p className="bubble bubble-customer">{turn.question}</p>
      <p className="bubble bubble-bot" data-testid="playground-answer">
        {result.answer || <em>(no reply)</em>}
      </p>
      <div className="verdict">
        <Badge
          tone={result.verdict.haveEnoughInformation ? 'success' : 'warning'}
          data-testid="playground-verdict"
          data-enough={String(result.verdict.haveEnoughInformation)}
        >
          {result.verdict.haveEnoughInformation ? 'Knows the answer' : 'Does not know'}
        </Badge>
        <span className="muted">{OUTCOME_TEXT[result.verdict.outcome]}</span>
      </div>
      <WhyDisclosure answerability={result.answerability} features={12} />
      {result.attemptedAnswer && result.attemptedAnswer !== result.answer && (
        <details>
          <summary>What the model wrote</summary>
          <p>{result.attemptedAnswer}</p>
        </details>
      )}
      <details open>
        <summary>
          Sources retrieved ({result.retrieved.length}) · {result.provider}/{result.model} ·{' '}
          {result.tookMs} ms
        </summary>
        <table className="table compact" data-testid="playground-sources">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Kind</th>
              <th scope="col">Score</th>
              <th scope="col">Cited</th>
            </tr>
          </thead>
          <tbody>
            {result.retrieved.map((hit) => (
              <tr key={hit.chunkId} data-testid="playground-source">
                <td>
                  <strong>{hit.title}</strong>
                  <p className="muted clamp">{hit.text}</p>
                </td>
                <td>{hit.partition}</td>
                <td data-testid="playground-score">{hit.score.toFixed(3)}</td>
                <td>{result.citations.some((c) => c.chunkId === hit.chunkId) ? 'yes' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </article>
  );
}

/** Ask the bot as a customer would and see why it answered as it did; nothing is stored. */
export function Playground({ botId }: { botId: string }) {
  const [turns, setTurns] = useState<Turn[]>([]);
  const ask = useMutation({
    mutationFn: (question: string) =>
      unwrap(
        api.POST('/api/v1/bots/{botId}/playground', {
          params: { path: { botId } },
          body: {
            question,
            history: turns
              .slice(-5)
              .flatMap((t) => [
                { role: 'customer' as const, text: t.question },
                ...(t.result.answer ? [{ role: 'bot' as const, text: t.result.answer }] : []),
              ]),
          },
        }),
      ),
    onSuccess: (result, question) => setTurns((all) => [...all, { question, result }]),
  });
  return (
    <section className="card playground" aria-labelledby="playground-title">
      <h2 id="playground-title">Try your bot</h2>
      <div className="turns" aria-live="polite">
        {turns.map((turn, i) => (
          <TurnView key={i} turn={turn} />
        ))}
      </div>
      <form
        className="inline-form"
        data-testid="playground-form"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const question = String(new FormData(form).get('question')).trim();
          if (question) ask.mutate(question, { onSuccess: () => form.reset() });
        }}
      >
        <TextField label="Ask a question" name="question" placeholder="How do I return an item?" />
        <Button type="submit" variant="primary" busy={ask.isPending} data-testid="playground-ask">
          Ask
        </Button>
        {turns.length > 0 && (
          <Button variant="ghost" onClick={() => setTurns([])}>
            Start over
          </Button>
        )}
      </form>
      <FormError error={ask.error} />
    </section>
  );
}
