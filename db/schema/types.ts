import { customType } from 'drizzle-orm/pg-core';

/** Raw bytes (hashes, signatures, canonical entries), read back as Uint8Array from either driver. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value),
});
