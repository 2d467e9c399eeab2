import { logApi } from '$lib/api/log';
import { loadFailure } from '$lib/forms';
import { checkReceipt } from '$lib/log/verify-receipt';
import { readReceiptQuery } from './receipt-query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const form = readReceiptQuery(event.url.searchParams);
  const client = logApi(event);
  const [info, entry] = await Promise.all([client.info(), form.query ? client.entry(form.query.index) : null]);
  if (!info.ok) loadFailure(info);

  const page = { values: form.values, errors: form.errors, serverKey: info.data.verifierKey, query: form.query };
  if (!form.query || !entry) return { ...page, outcome: null };
  if (!entry.ok) {
    if (entry.status !== 404) loadFailure(entry);
    return { ...page, outcome: { kind: 'notFound' as const, size: info.data.checkpoint?.size ?? 0 } };
  }

  // The same WebCrypto code the browser runs, here on the server's Node: for visitors without JavaScript.
  const check = await checkReceipt(
    entry.data,
    form.query.key || info.data.verifierKey,
    form.query.leafHash || undefined,
  );
  const time = typeof entry.data.entry.time === 'string' ? entry.data.entry.time : null;
  return { ...page, outcome: { kind: 'checked' as const, entry: entry.data, time, check } };
};
