import { useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { Button, TextField, fieldError } from '../../components/ui';
import { setSession } from '../../session/session';
import { AuthLayout, nextPath } from './auth-layout';

export default function Login() {
  const [, navigate] = useLocation();
  const search = useSearch();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <AuthLayout title="Sign in">
      <form
        data-testid="login-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          setBusy(true);
          setError(null);
          try {
            const session = await unwrap(
              api.POST('/api/v1/auth/login', {
                body: {
                  email: String(form.get('email')).trim(),
                  password: String(form.get('password')),
                },
              }),
            );
            setSession(session);
            navigate(nextPath(search), { replace: true });
          } catch (failure) {
            setError(failure);
          } finally {
            setBusy(false);
          }
        }}
      >
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          data-testid="login-email"
          error={fieldError(error, 'email')}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          data-testid="login-password"
        />
        {error !== null && (
          <p className="alert alert-error" role="alert" data-testid="login-error">
            {error instanceof ApiError && error.status === 401
              ? 'Wrong email or password.'
              : error instanceof Error
                ? error.message
                : 'Could not sign in.'}
          </p>
        )}
        <Button type="submit" variant="primary" busy={busy} data-testid="login-submit">
          Sign in
        </Button>
      </form>
      <p className="muted">
        New here? <Link href="/signup">Create a workspace</Link>
      </p>
    </AuthLayout>
  );
}
