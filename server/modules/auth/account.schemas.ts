import { Type, type Static } from '@sinclair/typebox';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password';

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    newPassword: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const ChangePasswordResponse = Type.Object({
  ok: Type.Literal(true),
  otherSessionsEnded: Type.Integer({ minimum: 0 }),
});

export const SignOutOthersResponse = Type.Object({ ended: Type.Integer({ minimum: 0 }) });

export const ResetRequestBody = Type.Object(
  { email: Type.String({ format: 'email', maxLength: 254 }) },
  { additionalProperties: false },
);

/** A reset link's token: the same alphabet and length as a session's secret. */
const ResetToken = Type.String({ pattern: '^[a-z2-9]{24}$', description: 'The token from the reset link' });

export const ResetTokenParams = Type.Object({ token: ResetToken });
export const ResetLinkResponse = Type.Object({ valid: Type.Boolean() });

export const ResetPasswordBody = Type.Object(
  {
    token: ResetToken,
    password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;
