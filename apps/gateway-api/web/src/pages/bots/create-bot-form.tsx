import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { REPLY_UNKNOWN_POLICIES } from '@cxgenie/contracts';
import { api, unwrap } from '../../api/client';
import type { Bot, Schemas } from '../../api/types';
import {
  Button,
  FormError,
  SelectField,
  TextAreaField,
  TextField,
  fieldError,
} from '../../components/ui';

export function CreateBotForm({ onCreated }: { onCreated: (bot: Bot) => void }) {
  const queryClient = useQueryClient();
  const [policy, setPolicy] = useState<Bot['typeReplyUnknown']>('INPUT_ANSWER');
  const create = useMutation({
    mutationFn: (body: Schemas['CreateBotDto']) => unwrap(api.POST('/api/v1/bots', { body })),
    onSuccess: (bot) => {
      void queryClient.invalidateQueries({ queryKey: ['bots'] });
      onCreated(bot);
    },
  });
  return (
    <form
      className="form"
      data-testid="create-bot-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const f = new FormData(event.currentTarget);
        create.mutate({
          name: String(f.get('name')),
          systemPrompt: String(f.get('systemPrompt')),
          typeReplyUnknown: policy,
          fallbackMessage: String(f.get('fallbackMessage')),
        });
      }}
    >
      <FormError error={create.error} />
      <TextField
        label="Bot name"
        name="name"
        placeholder="Support assistant"
        error={fieldError(create.error, 'name')}
      />
      <TextAreaField
        label="Instructions"
        name="systemPrompt"
        rows={3}
        defaultValue="You are a friendly support assistant. Answer only from the knowledge provided."
        error={fieldError(create.error, 'systemPrompt')}
      />
      <SelectField
        label="When it does not know"
        name="typeReplyUnknown"
        value={policy}
        onChange={(event) => setPolicy(event.target.value as Bot['typeReplyUnknown'])}
        options={REPLY_UNKNOWN_POLICIES}
        error={fieldError(create.error, 'typeReplyUnknown')}
      />
      <TextAreaField
        label="Fallback message"
        name="fallbackMessage"
        rows={2}
        defaultValue="I am not sure about that one. Let me find someone who knows."
        error={fieldError(create.error, 'fallbackMessage')}
      />
      <Button
        type="submit"
        variant="primary"
        busy={create.isPending}
        data-testid="create-bot-submit"
      >
        Create bot
      </Button>
    </form>
  );
}
