/**
 * `/login`: the sign-in page. Someone already signed in goes straight on to `next`. `next` is
 * used (and passed to the form) only when it resolves to a path on this site (safeRedirectPath);
 * loginAction checks it again on the server before redirecting.
 */
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import { safeRedirectPath } from '@/lib/auth/safe-redirect';
import { LoginForm } from '@/components/auth/LoginForm';

export const metadata: Metadata = { title: 'Sign in' };


export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const requested = (await searchParams).next;
  const next = safeRedirectPath(Array.isArray(requested) ? requested[0] : requested);
  if (await auth()) redirect(next);
  return (
    <div className="page-narrow">
      <div className="card">
        <h1>Sign in</h1>
        <p className="muted">Use your School ERP account.</p>
        <LoginForm next={next} />
      </div>
    </div>
  );
}
