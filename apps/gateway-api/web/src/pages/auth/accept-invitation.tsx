import { useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { api, unwrap } from '../../api/client';
import { Button, FormError, TextField, fieldError } from '../../components/ui';
import { setSession } from '../../session/session';
import { AuthLayout } from './auth-layout';

/** The link an invitation sends: /accept-invitation?token=… */
export default function AcceptInvitation() {
  const [, navigate] = useLocation();
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!token)
    return (
      <AuthLayout title="Join a workspace">
        <p className="alert alert-error" role="alert">
          This link has no invitation token. Open the link from your invitation again.
        </p>
      </AuthLayout>
    );
  return (
    <AuthLayout title="Join your team">
      <p className="muted">
        New to CX Genie? Choose your name and a password. Already have an account? Enter its
        password and leave the name empty.
      </p>
      <form
        data-testid="accept-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const name = String(form.get('name')).trim();
          setBusy(true);
          setError(null);
          try {
            const session = await unwrap(
              api.POST('/api/v1/invitations/accept', {
                body: { token, password: String(form.get('password')), ...(name ? { name } : {}) },
              }),
            );
            setSession(session);
            navigate('/inbox', { replace: true });
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
          error={fieldError(error, 'name')}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters."
          error={fieldError(error, 'password')}
        />
        <Button type="submit" variant="primary" busy={busy} data-testid="accept-submit">
          Join workspace
        </Button>
      </form>
      <p className="muted">
        <Link href="/login">Sign in instead</Link>
      </p>
    </AuthLayout>
  );
}
