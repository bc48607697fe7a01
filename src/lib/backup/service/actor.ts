/** Who asked for an operation, and from where: recorded on rows and in the audit log. */
export type Actor =
  | { kind: 'user'; id: string; email: string }
  | { kind: 'system'; name: 'scheduler' | 'cli' | 'worker' };

export interface RequestMeta {
  ip?: string;
  userAgent?: string;
}

export function actorId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.id : null;
}

export function actorEmail(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.email : `system:${actor.name}`;
}
