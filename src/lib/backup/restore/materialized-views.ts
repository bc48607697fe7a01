/**
 * Recomputes the materialized views from the restored rows, in dependency order, inside the
 * restore's transaction (REFRESH is transactional), so they never show the data from before the
 * restore. A view that was never populated (WITH NO DATA) stays so.
 */
import type pg from 'pg';
import { qualifiedName, type CatalogRelation } from '../database/catalog';

export async function refreshMaterializedViews(client: pg.ClientBase, views: readonly CatalogRelation[]): Promise<void> {
  for (const view of views) {
    const sqlName = qualifiedName(view);
    const { rows } = await client.query<{ populated: boolean }>(
      `SELECT relispopulated AS populated FROM pg_catalog.pg_class WHERE oid = $1::text::pg_catalog.regclass`,
      [sqlName],
    );
    if (rows[0]?.populated) await client.query(`REFRESH MATERIALIZED VIEW ${sqlName}`);
  }
}
