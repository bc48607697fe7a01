/**
 * `/login`: the sign-in page. Someone already signed in goes straight on to `next`. `next` is
 * passed to the form only when it is a same-site path ("/…", not "//…"); loginAction checks it
 * again on the server before redirecting.
 */
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import { LoginForm } from '@/components/auth/LoginForm';

export const metadata: Metadata = { title: 'Sign in' };

const DEFAULT_NEXT = '/admin/backups';

function safeNext(value: string | string[] | undefined): string {
  const next = Array.isArray(value) ? value[0] : value;
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : DEFAULT_NEXT;
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNext((await searchParams).next);
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
