import type { QuestionDraft } from '../../server/core/question';
import { createTestApp, request, type TestApp } from '../helpers/app';
import { signInStaff, type SignedIn } from './users';
import { startsEachFile } from './per-file';

let sequence = 0;
startsEachFile(() => (sequence = 0));

/** A valid single-choice draft in all three languages; override any field. */
export function singleChoiceDraft(overrides: Partial<QuestionDraft> = {}): QuestionDraft {
  sequence += 1;
  return {
    subject: 'logic',
    difficulty: 'easy',
    content: {
      type: 'single',
      text: { az: `2 + ${sequence} neçədir?`, ru: `Сколько будет 2 + ${sequence}?`, en: `What is 2 + ${sequence}?` },
      options: ['a', 'b', 'c', 'd'].map((id, i) => ({
        id,
        text: { az: String(sequence + 2 + i), ru: String(sequence + 2 + i), en: String(sequence + 2 + i) },
      })),
    },
    key: { type: 'single', correct: ['a'] },
    explanation: { az: 'Toplama.', ru: 'Сложение.', en: 'Addition.' },
    tags: ['arithmetic'],
    ...overrides,
  };
}

/** Creates a question through the API as `cookie` and returns its id. */
export async function createQuestion(
  t: TestApp,
  cookie: string,
  draft: QuestionDraft = singleChoiceDraft(),
): Promise<string> {
  const response = await request(t.app, { method: 'POST', url: '/api/questions', cookie, payload: draft });
  if (response.statusCode !== 201) throw new Error(`create question failed: ${response.body}`);
  return response.json().id as string;
}

/** Writes a question as `author` and has `reviewer` approve it. */
export async function approvedQuestion(
  t: TestApp,
  author: string,
  reviewer: string,
  draft?: QuestionDraft,
): Promise<string> {
  const id = await createQuestion(t, author, draft);
  const submit = await request(t.app, { method: 'POST', url: `/api/questions/${id}/submit`, cookie: author });
  if (submit.statusCode !== 200) throw new Error(`submit failed: ${submit.body}`);
  const review = await request(t.app, {
    method: 'POST',
    url: `/api/questions/${id}/review`,
    cookie: reviewer,
    payload: { decision: 'approve' },
  });
  if (review.statusCode !== 200) throw new Error(`approve failed: ${review.body}`);
  return id;
}

/** A fresh app with two examiners signed in through the real sign-in: a question's author and a colleague to review it. */
export async function bankApp(): Promise<{ t: TestApp; author: SignedIn; reviewer: SignedIn }> {
  const t = await createTestApp();
  const author = await signInStaff(t, 'examiner');
  return { t, author, reviewer: await signInStaff(t, 'examiner') };
}
