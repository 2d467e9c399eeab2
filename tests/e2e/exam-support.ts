/** Shared steps of the exam-room browser tests (issue 13): attempts and the slow line (sign-ins: staff-support.ts). */
import type { APIRequestContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { json } from './staff-support';

export const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Starts (or resumes) the applicant's attempt of the booking for `sittingCode`; returns its id. */
export async function startAttempt(request: APIRequestContext, baseURL: string, sittingCode: string) {
  const bookings = (await (await request.get('/api/bookings')).json()) as { id: string; sittingCode: string }[];
  const booking = bookings.find((b) => b.sittingCode === sittingCode);
  if (!booking) throw new Error(`no booking for ${sittingCode}: ${JSON.stringify(bookings)}`);
  const started = await request.post(`/api/bookings/${booking.id}/start`, { data: {}, headers: { origin: baseURL } });
  expect(started.status(), await started.text()).toBe(200);
  return ((await started.json()) as { attemptId: string }).attemptId;
}

/** An item of a paper as the API gives it to its candidate. */
export interface PaperItem {
  versionId: string;
  number: number;
  options: { id: string }[];
}

/**
 * A candidate sits through the API (the exam room is tested on its own): starts the booking's attempt, answers the
 * items `toAnswer` picks from the paper, each with the first option shown (an item without options is left), and
 * submits. Returns the attempt and its paper's items.
 */
export async function sitThroughApi(
  api: APIRequestContext,
  bookingId: string,
  toAnswer: (items: PaperItem[]) => PaperItem[],
): Promise<{ attemptId: string; items: PaperItem[] }> {
  const { attemptId } = await json<{ attemptId: string }>(
    await api.post(`/api/bookings/${bookingId}/start`, { data: {} }),
  );
  const paper = await json<{ sections: { items: PaperItem[] }[] }>(await api.get(`/api/attempts/${attemptId}`));
  const items = paper.sections.flatMap((s) => s.items);
  for (const item of toAnswer(items)) {
    if (item.options.length === 0) continue;
    await json(
      await api.put(`/api/attempts/${attemptId}/answers`, {
        data: {
          versionId: item.versionId,
          seq: 1,
          answer: { kind: 'choice', optionIds: [item.options[0]!.id] },
          flagged: false,
        },
      }),
    );
  }
  await json(await api.post(`/api/attempts/${attemptId}/submit`, { data: {} }));
  return { attemptId, items };
}

export interface AttemptAnswers {
  status: string;
  deadline: string;
  sections: { items: { versionId: string; number: number; type: string; options: { id: string }[] }[] }[];
  answers: {
    versionId: string;
    answer: { kind: string; optionIds?: string[]; text?: string } | null;
    flagged: boolean;
    seq: number;
  }[];
}

export async function readAttempt(request: APIRequestContext, attemptId: string): Promise<AttemptAnswers> {
  const response = await request.get(`/api/attempts/${attemptId}`);
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as AttemptAnswers;
}

/** The slow line in Chromium: 400 ms latency, 50 KB/s each way; or offline. */
export async function slowLine(page: Page, offline = false): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline,
    latency: 400,
    downloadThroughput: 51_200,
    uploadThroughput: 51_200,
  });
}

export const saveState = (page: Page) => page.locator('.room__question [data-save-state]');
export const paletteButton = (page: Page, number: number) => page.locator(`.palette button[data-item="${number}"]`);
