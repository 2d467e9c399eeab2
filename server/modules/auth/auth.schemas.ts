import { Type, type Static } from '@sinclair/typebox';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password';

export const LocaleSchema = Type.Union([Type.Literal('az'), Type.Literal('ru'), Type.Literal('en')]);

export const SignUpBody = Type.Object(
  {
    nationalIdScheme: Type.String({ minLength: 1, maxLength: 16 }),
    nationalId: Type.String({ minLength: 1, maxLength: 32 }),
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export type SignUpBody = Static<typeof SignUpBody>;

export const SignInBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 254, description: 'E-mail or national ID' }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;

export const TotpCodeBody = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$', description: 'Six-digit code from the authenticator app' }) },
  { additionalProperties: false },
);
export type TotpCodeBody = Static<typeof TotpCodeBody>;

export const RoleSchema = Type.Union([
  Type.Literal('applicant'),
  Type.Literal('examiner'),
  Type.Literal('administrator'),
  Type.Literal('invigilator'),
]);

/** Who an account is, as its holder's session and the administrators' list of accounts both show it. */
export const AccountIdentity = {
  id: Type.String(),
  fullName: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  nationalIdScheme: Type.Union([Type.String(), Type.Null()]),
  nationalId: Type.Union([Type.String(), Type.Null()]),
  twoFactorEnabled: Type.Boolean(),
};

export const SessionUser = Type.Object({
  ...AccountIdentity,
  /** True until an administrator's initial password is changed: the pages send the holder to do it. */
  mustChangePassword: Type.Boolean(),
});

export const SignInNextSchema = Type.Union([
  Type.Literal('done'),
  Type.Literal('two-factor'),
  Type.Literal('two-factor-setup'),
]);

export const SignInResponse = Type.Object({ user: SessionUser, next: SignInNextSchema });
export type SignInResponse = Static<typeof SignInResponse>;

export const SessionResponse = Type.Object({
  user: Type.Union([SessionUser, Type.Null()]),
  twoFactorVerified: Type.Boolean(),
});
export type SessionResponse = Static<typeof SessionResponse>;

export const TwoFactorSetupResponse = Type.Object({ secret: Type.String(), uri: Type.String() });
export type TwoFactorSetupResponse = Static<typeof TwoFactorSetupResponse>;

export const SecurityNoticeResponse = Type.Object({
  notice: Type.Union([
    Type.Object({
      failedPasswords: Type.Integer({ minimum: 0 }),
      failedCodes: Type.Integer({ minimum: 0 }),
      lockedOut: Type.Boolean(),
      at: Type.String({ format: 'date-time' }),
    }),
    Type.Null(),
  ]),
});
export type SecurityNoticeResponse = Static<typeof SecurityNoticeResponse>;

export const OkResponse = Type.Object({ ok: Type.Literal(true) });
