/** A certificate code as printed (`CQ7H-4KXM-9TRW`); the API accepts lower case as typed. Safe in the browser. */
export const CERTIFICATE_CODE = /^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/;
