/** Connection-URL helpers shared by everything that reaches another database on the same server. */

/** The same server and credentials, another database (e.g. `postgres` for CREATE/DROP DATABASE). */
export function urlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The database a URL names. */
export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}
