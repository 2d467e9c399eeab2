import type { Blueprint } from '../../server/core/blueprint';
import { blueprint, section } from '../../server/core/paper/test-support';
import type { QuestionDraft } from '../../server/core/question';
import type { PlanView } from '../../server/modules/marking/marking.schemas';
import { createTestApp, type TestApp } from '../helpers/app';
import { okBody, postAs } from './calls';
import { approvedQuestion, singleChoiceDraft } from './questions';
import {
  atStart,
  createBlueprint,
  EXAM_ENV,
  getAttempt,
  paperItems,
  readySitting,
  saveRequest,
  staffMember,
  start,
  submitRequest,
  type Candidate,
  type ExamBank,
  type Person,
  type SittingView,
} from './sittings';
import { startsEachFile } from './per-file';

/** Written work factories: an essay task with a two-criterion rubric, and a sitting of one choice item and the essay. */

let sequence = 0;
startsEachFile(() => (sequence = 0));

export function essayDraft(overrides: Partial<QuestionDraft> = {}): QuestionDraft {
  sequence += 1;
  return {
    subject: 'language',
    difficulty: 'medium',
    content: {
      type: 'essay',
      text: {
        az: `Vətəndaş müraciətinə cavab məktubu yazın (${sequence}).`,
        ru: `Напишите ответ на обращение гражданина (${sequence}).`,
        en: `Write a reply to a citizen's letter (${sequence}).`,
      },
      options: [],
      expectedLength: { minWords: 150, maxWords: 300 },
    },
    key: {
      type: 'essay',
      rubric: [
        {
          id: 'content',
          title: { az: 'Məzmun', ru: 'Содержание', en: 'Content' },
          maxPoints: 10,
          levels: [
            { points: 0, descriptor: { az: 'Cavab yoxdur', ru: 'Нет ответа', en: 'No answer' } },
            { points: 5, descriptor: { az: 'Qismən', ru: 'Частично', en: 'Partly answers' } },
            { points: 10, descriptor: { az: 'Tam', ru: 'Полностью', en: 'Fully answers' } },
          ],
        },
        {
          id: 'language',
          title: { az: 'Dil', ru: 'Язык', en: 'Language' },
          maxPoints: 10,
          levels: [
            { points: 0, descriptor: { az: 'Anlaşılmaz', ru: 'Непонятно', en: 'Unclear' } },
            { points: 10, descriptor: { az: 'Səlis', ru: 'Грамотно', en: 'Fluent' } },
          ],
        },
      ],
    },
    explanation: { az: 'Qiymətləndirmə meyarlarına baxın.', ru: 'См. критерии.', en: 'See the rubric.' },
    tags: ['essay'],
    ...overrides,
  };
}

/** One logic item and one essay: the objective part is scored at once, the essay waits for its markers. */
export function writtenBlueprint(): Blueprint {
  return blueprint(
    [
      section({ title: { az: 'Məntiq', ru: 'Логика', en: 'Logic' }, subject: 'logic', count: 1 }),
      section({
        title: { az: 'Yazı işi', ru: 'Письменная работа', en: 'Written work' },
        subject: 'language',
        count: 1,
      }),
    ],
    { name: 'Written work', passMark: 0, durationMinutes: 60 },
  );
}

export interface WrittenSitting {
  t: TestApp;
  admin: Person;
  sitting: SittingView;
  candidates: Candidate[];
  essayVersionId: string;
  /** Each candidate's essay as saved. */
  essays: Map<string, string>;
}

/** A candidate writes the essay (through the exam room's autosave), answers the choice item and submits. */
export async function writeAndSubmit(t: TestApp, candidate: Candidate, essays: Map<string, string>): Promise<string> {
  await start(t, candidate);
  const view = await getAttempt(t, candidate, candidate.attemptId);
  let essayVersionId = '';
  for (const item of paperItems(view)) {
    if (item.type === 'essay') {
      essayVersionId = item.versionId;
      const text = `Hörmətli vətəndaş, müraciətinizə cavab olaraq bildiririk ki, namizəd ${essays.size + 1} yazır.`;
      essays.set(candidate.attemptId, text);
      okBody(
        await saveRequest(t, candidate, candidate.attemptId, {
          versionId: item.versionId,
          seq: 1,
          answer: { kind: 'text', text },
        }),
        200,
        'save essay',
      );
    } else {
      const answer = { kind: 'choice' as const, optionIds: [item.options[0]!.id] };
      okBody(
        await saveRequest(t, candidate, candidate.attemptId, { versionId: item.versionId, seq: 1, answer }),
        200,
        'save choice',
      );
    }
  }
  okBody(await submitRequest(t, candidate, candidate.attemptId), 200, 'submit');
  return essayVersionId;
}

/**
 * An app with a sitting of `n` candidates who each wrote the essay (through the exam room's autosave) and
 * submitted, but for the last `late` of them, who have not started yet (`writeAndSubmit` them later). The
 * clock is left after the submissions.
 */
export async function writtenSitting(n = 4, options: { late?: number } = {}): Promise<WrittenSitting> {
  const t = await createTestApp(EXAM_ENV);
  const admin = await staffMember(t, 'administrator');
  const author = await staffMember(t, 'examiner');
  const reviewer = await staffMember(t, 'examiner');
  await approvedQuestion(t, author.cookie, reviewer.cookie, singleChoiceDraft());
  await approvedQuestion(t, author.cookie, reviewer.cookie, essayDraft());
  const blueprintId = await createBlueprint(t, author.cookie, writtenBlueprint());
  const bank = { blueprintId } as ExamBank;
  const { sitting, candidates } = await readySitting(t, admin, bank, { candidates: n });
  atStart(t, sitting, 60_000);
  const essays = new Map<string, string>();
  let essayVersionId = '';
  for (const candidate of candidates.slice(0, n - (options.late ?? 0)))
    essayVersionId = await writeAndSubmit(t, candidate, essays);
  return { t, admin, sitting, candidates, essayVersionId, essays };
}

export async function createPlan(
  t: TestApp,
  admin: Person,
  sittingId: string,
  body: { markerIds: string[]; chiefId: string; threshold: number; rule: 'closest-pair' | 'chief' | 'mean-of-three' },
): Promise<PlanView> {
  return okBody<PlanView>(
    await postAs(t, admin, `/api/admin/sittings/${sittingId}/marking`, body),
    200,
    'marking plan',
  );
}

/** Marks every criterion of the factory's rubric: `content` and `language` points, with a reason each. */
export function marks(content: number, language: number) {
  return {
    criteria: [
      { criterionId: 'content', points: content, justification: 'Məzmun qiymətləndirildi.' },
      { criterionId: 'language', points: language, justification: 'Dil qiymətləndirildi.' },
    ],
  };
}

/** The examiners a marking plan is made of: three markers, a chief, and an examiner the plan leaves out. */
export interface MarkingTeam {
  markers: Person[];
  chief: Person;
  outsider: Person;
}

export async function markingTeam(t: TestApp): Promise<MarkingTeam> {
  const markers: Person[] = [];
  for (let i = 0; i < 3; i++) markers.push(await staffMember(t, 'examiner'));
  return { markers, chief: await staffMember(t, 'examiner'), outsider: await staffMember(t, 'examiner') };
}
