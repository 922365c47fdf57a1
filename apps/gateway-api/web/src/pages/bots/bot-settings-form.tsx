import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { LLM_PROVIDERS, REPLY_UNKNOWN_POLICIES } from '@cxgenie/contracts';
import { api, unwrap } from '../../api/client';
import type { Bot, Schemas } from '../../api/types';
import {
  Button,
  Field,
  FormError,
  Saved,
  SelectField,
  TextAreaField,
  TextField,
  fieldError,
} from '../../components/ui';

const POLICY_LABELS: Record<(typeof REPLY_UNKNOWN_POLICIES)[number], string> = {
  INPUT_ANSWER: 'Send the fallback message below',
  AI_GENERATE: 'Let the model answer anyway',
  NO_REPLY: 'Stay silent and hand over to an agent',
};

const numberOrNull = (value: FormDataEntryValue | null): number | null =>
  value === null || String(value).trim() === '' ? null : Number(value);

/** Every bot setting in one form; the API validates, and its messages show at their fields. */
export function BotSettingsForm({ bot, onSaved }: { bot: Bot; onSaved?: (bot: Bot) => void }) {
  const queryClient = useQueryClient();
  const [policy, setPolicy] = useState(bot.typeReplyUnknown);
  const save = useMutation({
    mutationFn: (body: Schemas['UpdateBotDto']) =>
      unwrap(api.PATCH('/api/v1/bots/{id}', { params: { path: { id: bot.id } }, body })),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['bot'] });
      void queryClient.invalidateQueries({ queryKey: ['bots'] });
      onSaved?.(saved);
    },
  });
  const error = save.error;
  const ks = bot.knowledgeSettings;
  return (
    <form
      className="form"
      data-testid="bot-settings-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const f = new FormData(event.currentTarget);
        save.mutate({
          name: String(f.get('name')),
          systemPrompt: String(f.get('systemPrompt')),
          llmProvider: f.get('llmProvider') as Bot['llmProvider'],
          llmModel: String(f.get('llmModel')),
          temperature: Number(f.get('temperature')),
          language: String(f.get('language')),
          typeReplyUnknown: f.get('typeReplyUnknown') as Bot['typeReplyUnknown'],
          fallbackMessage: String(f.get('fallbackMessage')),
          handoffPhrases: String(f.get('handoffPhrases'))
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
          handoffOnUnknown: f.get('handoffOnUnknown') === 'on',
          isActive: f.get('isActive') === 'on',
          knowledgeSettings: {
            faqBoost: numberOrNull(f.get('faqBoost')),
            recencyHalfLifeDays: numberOrNull(f.get('recencyHalfLifeDays')),
            topK: numberOrNull(f.get('topK')),
            hybridSearch: f.get('hybridSearch') === 'on',
          },
        });
      }}
    >
      <FormError error={error} />
      <fieldset>
        <legend>Identity and model</legend>
        <TextField
          label="Name"
          name="name"
          defaultValue={bot.name}
          required
          error={fieldError(error, 'name')}
        />
        <TextAreaField
          label="Instructions (system prompt)"
          name="systemPrompt"
          rows={5}
          defaultValue={bot.systemPrompt}
          hint="How the bot should speak and what it must never do."
          error={fieldError(error, 'systemPrompt')}
        />
        <div className="grid-3">
          <SelectField
            label="Provider"
            name="llmProvider"
            defaultValue={bot.llmProvider}
            options={LLM_PROVIDERS}
            hint="local works without any API key."
            error={fieldError(error, 'llmProvider')}
          />
          <TextField
            label="Model"
            name="llmModel"
            defaultValue={bot.llmModel}
            error={fieldError(error, 'llmModel')}
          />
          <TextField
            label="Temperature"
            name="temperature"
            type="number"
            step="0.1"
            defaultValue={bot.temperature}
            hint="0 to 2; lower is steadier."
            error={fieldError(error, 'temperature')}
          />
        </div>
        <TextField
          label="Language"
          name="language"
          defaultValue={bot.language}
          error={fieldError(error, 'language')}
        />
      </fieldset>
      <fieldset>
        <legend>When the bot does not know</legend>
        <SelectField
          label="Unknown-answer policy"
          name="typeReplyUnknown"
          value={policy}
          onChange={(event) => setPolicy(event.target.value as Bot['typeReplyUnknown'])}
          options={REPLY_UNKNOWN_POLICIES.map((p) => ({
            value: p,
            label: `${p} — ${POLICY_LABELS[p]}`,
          }))}
          error={fieldError(error, 'typeReplyUnknown')}
        />
        <TextAreaField
          label="Fallback message"
          name="fallbackMessage"
          rows={2}
          defaultValue={bot.fallbackMessage}
          hint={
            policy === 'INPUT_ANSWER' ? 'Required for this policy.' : 'Used only by INPUT_ANSWER.'
          }
          error={fieldError(error, 'fallbackMessage')}
        />
        <TextAreaField
          label="Handoff phrases"
          name="handoffPhrases"
          rows={3}
          defaultValue={bot.handoffPhrases.join('\n')}
          hint="One per line. A customer message containing one goes to a human."
          error={fieldError(error, 'handoffPhrases')}
        />
        <Field
          label="Open a ticket whenever the bot is unsure"
          error={fieldError(error, 'handoffOnUnknown')}
        >
          {({ id, describedBy }) => (
            <input
              id={id}
              type="checkbox"
              name="handoffOnUnknown"
              defaultChecked={bot.handoffOnUnknown}
              aria-describedby={describedBy}
              data-testid="input-handoffOnUnknown"
            />
          )}
        </Field>
      </fieldset>
      <fieldset>
        <legend>Retrieval</legend>
        <div className="grid-3">
          <TextField
            label="FAQ boost"
            name="faqBoost"
            type="number"
            step="0.1"
            defaultValue={ks.faqBoost ?? ''}
            placeholder="1.2 (default)"
            hint="0.5 to 5: how much FAQs outrank other knowledge."
            error={fieldError(error, 'knowledgeSettings.faqBoost')}
          />
          <TextField
            label="Recency half-life (days)"
            name="recencyHalfLifeDays"
            type="number"
            defaultValue={ks.recencyHalfLifeDays ?? ''}
            placeholder="default"
            hint="Fresher knowledge ranks higher; empty: the engine's default."
            error={fieldError(error, 'knowledgeSettings.recencyHalfLifeDays')}
          />
          <TextField
            label="Results per partition"
            name="topK"
            type="number"
            defaultValue={ks.topK ?? ''}
            placeholder="5 (default)"
            error={fieldError(error, 'knowledgeSettings.topK')}
          />
        </div>
        <Field label="Hybrid search (keywords as well as meaning)">
          {({ id }) => (
            <input
              id={id}
              type="checkbox"
              name="hybridSearch"
              defaultChecked={ks.hybridSearch ?? true}
            />
          )}
        </Field>
      </fieldset>
      <Field label="Bot is active (answers customers)">
        {({ id }) => (
          <input id={id} type="checkbox" name="isActive" defaultChecked={bot.isActive} />
        )}
      </Field>
      <div className="form-actions">
        <Button
          type="submit"
          variant="primary"
          busy={save.isPending}
          data-testid="bot-settings-save"
        >
          Save settings
        </Button>
        <Saved when={save.isSuccess} />
      </div>
    </form>
  );
}
