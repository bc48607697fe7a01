/**
 * The header on every page: the ERP's name and, for a signed-in user, their name, role and a
 * "Sign out" button that posts to logoutAction (works without JavaScript).
 */
import Link from 'next/link';
import { logoutAction } from '@/actions/auth/logoutAction';
import type { SessionUser } from '@/lib/auth/auth';

const ROLE_LABEL: Record<string, string> = { ADMIN: 'Administrator', TEACHER: 'Teacher', STUDENT: 'Student', PARENT: 'Parent', STAFF: 'Staff' };

export function SiteHeader({ user }: { user: SessionUser | null }) {
  return (
    <header className="site-header">
      <div className="inner">
        <Link className="brand" href="/">
          School ERP
        </Link>
        {user && (
          <div className="user">
            <span>
              {user.name} <span className="role">({ROLE_LABEL[user.role] ?? user.role})</span>
            </span>
            <form action={logoutAction}>
              <button type="submit" className="btn btn-ghost btn-sm">
                Sign out
              </button>
            </form>
          </div>
        )}
      </div>
    </header>
  );
}
