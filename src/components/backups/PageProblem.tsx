/**
 * What the backups page shows when it cannot load at all: the error's own message (a
 * configuration error names the setting; a database error says it is unreachable), in a red
 * banner, with what to change. Never a bare "Something went wrong".
 */
const FIX: Record<string, string> = {
  CONFIG_INVALID: 'Correct the setting named above in .env (every setting is described in .env.example), then restart the app.',
  DB_UNAVAILABLE: 'Start the database server, or correct DATABASE_URL in .env, then reload this page.',
};

export function PageProblem({ code, message }: { code: string; message: string }) {
  return (
    <div className="stack">
      <h1>Backups</h1>
      <section className="banner banner-red" role="alert" data-status="red" data-error-code={code}>
        <span className="dot" aria-hidden="true" />
        <h2 className="m0">No backup can be made or restored right now</h2>
        <span />
        <div>
          <p className="m0">{message}</p>
          <p className="m0 small">{FIX[code] ?? 'See the server log for details, then reload this page.'}</p>
        </div>
      </section>
    </div>
  );
}
