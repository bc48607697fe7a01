/** What a signed-in user without the ADMIN role sees instead of an admin page: no controls. */
export function AdminsOnly() {
  return (
    <div className="page-narrow">
      <div className="card">
        <h1>Admins only</h1>
        <p>This page is for school administrators. Your account does not have access to it.</p>
        <p className="muted">If you need a backup restored, ask an administrator.</p>
      </div>
    </div>
  );
}
