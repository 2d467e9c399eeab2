import { Type, type Static } from '@sinclair/typebox';
import { AccountIdentity, RoleSchema } from '../auth/auth.schemas';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password';

export const UserSummarySchema = Type.Object({
  ...AccountIdentity,
  disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  mustChangePassword: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    role: Type.Optional(RoleSchema),
    after: Type.Optional(Type.String({ maxLength: 254, description: 'Cursor from the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const UserListResponse = Type.Object({
  items: Type.Array(UserSummarySchema),
  total: Type.Integer(),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type UserListResponse = Static<typeof UserListResponse>;

export const CreateAccountBody = Type.Object(
  {
    fullName: Type.String({ minLength: 2, maxLength: 200 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    role: RoleSchema,
    password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type CreateAccountBody = Static<typeof CreateAccountBody>;

export const ChangeRoleBody = Type.Object({ role: RoleSchema }, { additionalProperties: false });
export const UserParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const DisableAccountBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500, pattern: '\\S', description: 'Why, for the audit log' }) },
  { additionalProperties: false },
);
