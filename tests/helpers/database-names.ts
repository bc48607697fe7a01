/** Names shared by the test global setup and the per-file database helper. */
export const TEMPLATE_PREFIX = 'erp_template_';

export { urlWithDatabase } from '../../src/lib/db/connection-url';
