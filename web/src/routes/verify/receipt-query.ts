/** What the visitor typed into the receipt form, as text, to put back into the fields. */
export interface ReceiptValues {
  index: string;
  leafHash: string;
  key: string;
}

/** A receipt to check: `leafHash` and `key` are '' when the visitor left them out. */
export interface ReceiptQuery {
  index: number;
  leafHash: string;
  key: string;
}

export interface ReceiptErrors {
  index?: 'required' | 'integer';
  leafHash?: 'base64' | 'length';
  key?: 'format';
}

export interface ReadReceipt {
  /** Whether the form was sent at all; a bare /verify shows only the form. */
  submitted: boolean;
  values: ReceiptValues;
  errors: ReceiptErrors;
  /** Null unless the form was sent and every field is valid. */
  query: ReceiptQuery | null;
}

export const RECEIPT_FIELDS = ['index', 'leafHash', 'key'] as const;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const SHA256_BYTES = 32;
/** A note verifier key: name+hex key id+base64(type ‖ public key). */
const VERIFIER_KEY = /^[^\s+]+\+[0-9a-fA-F]{8}\+[A-Za-z0-9+/]+={0,2}$/;

/**
 * Base64 has no spaces, but a "+" typed by hand into an address arrives as one; putting it back
 * lets a receipt pasted into the address bar still work.
 */
function base64Text(value: string | null): string {
  return (value ?? '').trim().replaceAll(' ', '+');
}

function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/** Reads and checks the receipt form's query string (`?index=…&leafHash=…&key=…`). */
export function readReceiptQuery(params: URLSearchParams): ReadReceipt {
  const values: ReceiptValues = {
    index: (params.get('index') ?? '').trim(),
    leafHash: base64Text(params.get('leafHash')),
    key: base64Text(params.get('key')),
  };
  const submitted = RECEIPT_FIELDS.some((field) => params.has(field));
  const errors: ReceiptErrors = {};
  if (!submitted) return { submitted, values, errors, query: null };

  const index = /^\d+$/.test(values.index) ? Number(values.index) : NaN;
  if (values.index === '') errors.index = 'required';
  else if (!Number.isSafeInteger(index)) errors.index = 'integer';

  if (values.leafHash !== '') {
    if (!BASE64.test(values.leafHash) || values.leafHash.length % 4 !== 0) errors.leafHash = 'base64';
    else if (decodedLength(values.leafHash) !== SHA256_BYTES) errors.leafHash = 'length';
  }

  if (values.key !== '' && !VERIFIER_KEY.test(values.key)) errors.key = 'format';

  const valid = Object.keys(errors).length === 0;
  return {
    submitted,
    values,
    errors,
    query: valid ? { index, leafHash: values.leafHash, key: values.key } : null,
  };
}
