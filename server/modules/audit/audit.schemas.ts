import { Type, type Static } from '@sinclair/typebox';
import { LanguageSchema } from '../../schemas';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, type AuditAction, type AuditTargetType } from './audit-actions';

const ActionSchema = Type.Unsafe<AuditAction>({ type: 'string', enum: [...AUDIT_ACTIONS] });
const TargetTypeSchema = Type.Unsafe<AuditTargetType>({ type: 'string', enum: [...AUDIT_TARGET_TYPES] });

/** The log's search, shared by the page and the CSV export. Dates are calendar days in Baku. */
const filterFields = {
  person: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'Who acted: an account id, or part of a name or e-mail' }),
  ),
  action: Type.Optional(ActionSchema),
  targetType: Type.Optional(TargetTypeSchema),
  target: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'The object: its id, or part of its name or code' }),
  ),
  from: Type.Optional(Type.String({ format: 'date', description: 'First day, Baku time (inclusive)' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Last day, Baku time (inclusive)' })),
  lang: Type.Optional(LanguageSchema),
};

export const AuditQuery = Type.Object(
  {
    ...filterFields,
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Cursor: entries older than this id' })),
    after: Type.Optional(Type.Integer({ minimum: 1, description: 'Cursor: entries newer than this id' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditExportQuery = Type.Object(filterFields, { additionalProperties: false });
export type AuditExportQuery = Static<typeof AuditExportQuery>;

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  actorEmail: Nullable(Type.String()),
  action: Type.String(),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  targetName: Nullable(Type.String({ description: "The object's name or code as a person reads it" })),
  targetParentId: Nullable(Type.String({ description: 'The object whose page shows this one (a vacancy: its round)' })),
  ip: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntryView = Static<typeof AuditEntrySchema>;

export const AuditListResponse = Type.Object({
  items: Type.Array(AuditEntrySchema),
  /** Older entries: pass as `before`. */
  nextCursor: Type.Union([Type.Integer(), Type.Null()]),
  /** Newer entries: pass as `after`. */
  previousCursor: Type.Union([Type.Integer(), Type.Null()]),
  /** Every action and kind of object the server writes, for the filter. */
  actions: Type.Array(Type.String()),
  targetTypes: Type.Array(Type.String()),
});
export type AuditListResponse = Static<typeof AuditListResponse>;
