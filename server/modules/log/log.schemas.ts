import { Type, type Static } from '@sinclair/typebox';

const Base64Hash = Type.String({ description: 'SHA-256 hash, standard base64', contentEncoding: 'base64' });

export const CheckpointSchema = Type.Object({
  size: Type.Integer({ minimum: 0 }),
  rootHash: Base64Hash,
  note: Type.String({ description: 'The C2SP signed checkpoint note, exactly as served at /log/checkpoint' }),
});

export const LogEntryResponse = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  type: Type.String(),
  entry: Type.Record(Type.String(), Type.Unknown(), { description: 'The published event' }),
  entryText: Type.String({ description: 'The exact canonical JSON (RFC 8785) bytes that were hashed, as UTF-8' }),
  leafHash: Base64Hash,
  inclusionProof: Type.Array(Base64Hash, { description: 'RFC 9162 audit path, bottom-up' }),
  checkpoint: CheckpointSchema,
});
export type LogEntryResponse = Static<typeof LogEntryResponse>;

export const EntryParams = Type.Object({ index: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }) });

export const ConsistencyQuery = Type.Object(
  {
    from: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
    to: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  },
  { additionalProperties: false },
);

export const ConsistencyResponse = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  fromRoot: Base64Hash,
  toRoot: Base64Hash,
  proof: Type.Array(Base64Hash, { description: 'RFC 9162 §2.1.4 consistency proof' }),
});
export type ConsistencyResponse = Static<typeof ConsistencyResponse>;

const SignedCheckpointSchema = Type.Composite([
  CheckpointSchema,
  Type.Object({ signedAt: Type.String({ format: 'date-time' }) }),
]);

export const LogInfoResponse = Type.Object({
  origin: Type.String(),
  verifierKey: Type.String({
    description: 'Note verifier key: <name>+<hex key id>+<base64(0x01 ‖ Ed25519 public key)>',
  }),
  checkpoint: Type.Union([SignedCheckpointSchema, Type.Null()], {
    description: 'The newest checkpoint, its note with the cosignatures it has (as at /log/checkpoint.latest)',
  }),
  witnessQuorum: Type.Integer({
    minimum: 0,
    description: 'Cosignatures a checkpoint needs before /log/checkpoint serves it (0: served at once)',
  }),
  witnesses: Type.Array(
    Type.Object({
      name: Type.String(),
      verifierKey: Type.String({ description: 'cosignature/v1 verifier key: <name>+<key id>+<base64(0x04 ‖ key)>' }),
      cosignedSize: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
        description: 'The largest tree size this witness has cosigned',
      }),
      cosignedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
        description: 'The time in that cosignature',
      }),
      lastAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      lastError: Type.Union([Type.String(), Type.Null()], { description: "The last request's failure, if it failed" }),
      demo: Type.Boolean({
        description:
          "The demo's own witness, run inside this server (DEMO only): it shows witnessing and proves nothing",
      }),
    }),
  ),
});
export type LogInfoResponse = Static<typeof LogInfoResponse>;

export const CheckpointListQuery = Type.Object(
  {
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Cursor: checkpoints of smaller size than this' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);

export const CheckpointListResponse = Type.Object({
  items: Type.Array(SignedCheckpointSchema),
  nextCursor: Type.Union([Type.Integer(), Type.Null()]),
});
export type CheckpointListResponse = Static<typeof CheckpointListResponse>;

export const EntryListQuery = Type.Object(
  {
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Cursor: entries with a smaller index than this' })),
    type: Type.Optional(Type.String({ maxLength: 64, description: 'Only entries of this type' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);

export const EntryListResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      index: Type.Integer({ minimum: 0 }),
      type: Type.String(),
      publishedAt: Type.String({ format: 'date-time' }),
      leafHash: Base64Hash,
    }),
  ),
  nextCursor: Type.Union([Type.Integer(), Type.Null()]),
});
export type EntryListResponse = Static<typeof EntryListResponse>;
