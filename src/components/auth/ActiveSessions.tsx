/**
 * "Active sessions" on the admin page: every unexpired, unrevoked session of the signed-in
 * admin (started, last seen, address, browser; this one marked), and an "End all sessions"
 * button (sign out everywhere) that posts to signOutEverywhereAction (works without JavaScript).
 */
import { signOutEverywhereAction } from '@/actions/auth/signOutEverywhereAction';
import type { SessionView } from '@/lib/auth/sessions';

const when = (date: Date, timeZone: string) => date.toLocaleString('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });

export function ActiveSessions({ sessions, currentId, timeZone }: { sessions: SessionView[]; currentId: string; timeZone: string }) {
  return (
    <section className="card stack" aria-labelledby="active-sessions-title">
      <h2 id="active-sessions-title">Active sessions</h2>
      <div className="table-wrap">
        <table className="table" data-testid="active-sessions">
          <thead>
            <tr>
              <th>Signed in</th>
              <th>Last seen</th>
              <th>Address</th>
              <th>Browser</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {when(s.createdAt, timeZone)}
                  {s.id === currentId && <span className="muted"> (this browser)</span>}
                </td>
                <td>{when(s.lastSeenAt, timeZone)}</td>
                <td>{s.ip ?? 'unknown'}</td>
                <td className="small">{s.userAgent ?? 'unknown'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form action={signOutEverywhereAction} className="row">
        <button type="submit" className="btn">
          End all sessions
        </button>
        <span className="muted small">Signs you out everywhere, this browser included.</span>
      </form>
    </section>
  );
}
