'use client';
/**
 * The sign-in form: e-mail and password, posted to loginAction through React 19's
 * useActionState. The action redirects on success; on failure its `error` is shown in a
 * role="alert" element and the password field is cleared (the e-mail is kept).
 */
import { useActionState, useState } from 'react';
import { loginAction } from '@/actions/auth/loginAction';

export function LoginForm({ next }: { next: string }) {
  const [state, formAction, pending] = useActionState(loginAction, undefined);
  const [email, setEmail] = useState(''); // controlled: React resets uncontrolled fields after an action
  return (
    <form action={formAction} className="stack">
      <input type="hidden" name="next" value={next} />
      <div className="field">
        <label htmlFor="login-email">E-mail</label>
        <input id="login-email" className="input" name="email" type="email" autoComplete="username" required autoFocus
          value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="login-password">Password</label>
        <input id="login-password" className="input" name="password" type="password" autoComplete="current-password" required />
      </div>
      {state?.error && (
        <p role="alert" className="alert alert-error">
          {state.error}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
