import type { FastifyRequest } from 'fastify';

/** Where a request came from: what throttles and the audit trail record of it. */
export interface RequestMeta {
  ip: string | null;
}

/** Who is acting: a signed-in user, or the system itself (set-up command, demo seed) with a null id. */
export interface Actor extends RequestMeta {
  id: string | null;
}

/** A signed-in user acting: never the system. */
export type SignedInActor = Actor & { id: string };

/** The signed-in user behind a request; only for routes whose access demands a session. */
export function actorOf(request: FastifyRequest): SignedInActor {
  return { id: request.auth!.user.id, ip: request.ip };
}
