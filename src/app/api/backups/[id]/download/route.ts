/**
 * GET /api/backups/:id/download — streams one encrypted backup file to an admin. HEAD answers
 * the same status and headers after the same checks, without opening the file.
 * - Caller checked first (`requireAdmin()`): no session → 401, not an admin → 403, both
 *   audit-logged DENIED.
 * - The id must look like a cuid and name a COMPLETED backup row; the file is found through
 *   that row, never through anything the client sent. The core's storage opens it inside
 *   BACKUP_DIR only, refuses symlinks and non-regular files, checks its size against the row,
 *   and falls back to the verified cloud copy when the local file is gone. Every "no such file"
 *   case — traversal ids, unknown ids, swapped-in symlinks — is the same bare 404.
 * - Streamed with backpressure (memory stays flat for multi-GB files), as
 *   application/octet-stream with a sanitised attachment filename, no-store, nosniff.
 * - Every attempt gets a BACKUP_DOWNLOAD audit row.
 */
import { Readable } from 'node:stream';
import { findCompletedBackup, getBackupContext, locateRecordedBackup, NotFoundError, writeAudit, type Actor } from '@/lib/backup';
import { requireAdminAudited, userActor } from '@/lib/auth/audited-guard';
import { requestMeta } from '@/lib/auth/request-meta';
import { getPrisma } from '@/lib/db/prisma';
import { isBackupId } from '@/lib/conventions/backup-id';
import { errorResponse, NO_STORE_HEADERS } from '../../../error-response';

export const dynamic = 'force-dynamic';

const attachmentName = (filename: string) => filename.replace(/[^A-Za-z0-9._-]/g, '_');

type RouteContext = { params: Promise<{ id: string }> };

export const GET = (_request: Request, context: RouteContext) => download(context, 'GET');
export const HEAD = (_request: Request, context: RouteContext) => download(context, 'HEAD');

async function download({ params }: RouteContext, method: 'GET' | 'HEAD'): Promise<Response> {
  const meta = await requestMeta();
  const { id: rawId } = await params;
  const id = isBackupId(rawId) ? rawId : undefined;
  let actor: Actor | null = null;
  try {
    actor = userActor(await requireAdminAudited('BACKUP_DOWNLOAD', meta, id));
    if (!id) throw new NotFoundError('The backup');
    const ctx = await getBackupContext();
    const backup = await findCompletedBackup(ctx, id);
    const source = await locateRecordedBackup(ctx, backup);
    const headers = {
      ...NO_STORE_HEADERS,
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${attachmentName(backup.filename)}"`,
      // Correct for the stream; Next 16's Node adapter drops it and sends chunked (send-response.js).
      'Content-Length': String(source.size),
    };
    await writeAudit(ctx.prisma, { actor, action: 'BACKUP_DOWNLOAD', outcome: 'SUCCESS', resourceId: id, meta, details: { method, location: source.location, size: source.size } });
    if (method === 'HEAD') return new Response(null, { headers });
    return new Response(Readable.toWeb(await source.open()) as ReadableStream<Uint8Array>, { headers });
  } catch (error) {
    // Whatever was missing (row, file, cloud copy), the answer is the same bare 404.
    const response = errorResponse(error instanceof NotFoundError ? new NotFoundError('The backup') : error);
    if (actor) await writeAudit(getPrisma(), { actor, action: 'BACKUP_DOWNLOAD', outcome: 'FAILURE', resourceId: id, meta, details: { status: response.status } });
    return response;
  }
}
