/** Names shared by the test global setup and the per-file database helper. */
export const TEMPLATE_PREFIX = 'erp_template_';

export function urlWithDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
