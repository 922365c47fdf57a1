import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, unwrap } from '../../api/client';
import { Button, FormError, TextField, fieldError } from '../../components/ui';
import { setSession } from '../../session/session';
import { AuthLayout } from './auth-layout';

export default function SignUp() {
  const [, navigate] = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <AuthLayout title="Create your workspace">
      <form
        data-testid="signup-form"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          setBusy(true);
          setError(null);
          try {
            const session = await unwrap(
              api.POST('/api/v1/auth/signup', {
                body: {
                  name: String(form.get('name')),
                  email: String(form.get('email')).trim(),
                  password: String(form.get('password')),
                  workspaceName: String(form.get('workspaceName')),
                },
              }),
            );
            setSession(session);
            navigate('/onboarding', { replace: true });
          } catch (failure) {
            setError(failure);
          } finally {
            setBusy(false);
          }
        }}
      >
        <FormError error={error} />
        <TextField
          label="Your name"
          name="name"
          autoComplete="name"
          required
          error={fieldError(error, 'name')}
        />
        <TextField
          label="Work email"
          name="email"
          type="email"
          autoComplete="email"
          required
          error={fieldError(error, 'email')}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          required
          error={fieldError(error, 'password')}
        />
        <TextField
          label="Company or team name"
          name="workspaceName"
          required
          error={fieldError(error, 'workspaceName')}
        />
        <Button type="submit" variant="primary" busy={busy} data-testid="signup-submit">
          Create workspace
        </Button>
      </form>
      <p className="muted">
        Already have an account? <Link href="/login">Sign in</Link>
      </p>
    </AuthLayout>
  );
}
