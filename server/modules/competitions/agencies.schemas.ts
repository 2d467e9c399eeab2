import { Type, type Static } from '@sinclair/typebox';
import { Uuid } from '../../schemas';

const Timestamp = Type.String({ format: 'date-time' });

/** A name in the interface languages; Azerbaijani is required, the others optional. */
export const RequiredLocalised = (maxLength: number) =>
  Type.Object(
    {
      az: Type.String({ minLength: 1, maxLength }),
      ru: Type.Optional(Type.String({ maxLength })),
      en: Type.Optional(Type.String({ maxLength })),
    },
    { additionalProperties: false },
  );

export const LocalisedView = Type.Object({
  az: Type.Optional(Type.String()),
  ru: Type.Optional(Type.String()),
  en: Type.Optional(Type.String()),
});

export const AgencyParams = Type.Object({ id: Uuid });

export const AgencyBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z0-9-]{2,20}$' }),
    name: RequiredLocalised(300),
  },
  { additionalProperties: false },
);
export type AgencyBody = Static<typeof AgencyBody>;

export const AgencyView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: LocalisedView,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type AgencyView = Static<typeof AgencyView>;

export const AgencyListResponse = Type.Array(AgencyView);
