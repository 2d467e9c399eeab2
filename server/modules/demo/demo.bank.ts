import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Blueprint, BlueprintSection } from '../../core/blueprint';
import type { Localised, QuestionDraft } from '../../core/question';
import { FORMATS } from '../../core/question-formats/index';
import type { BlueprintsService } from '../blueprints/blueprints.service';
import type { QuestionsService } from '../questions/questions.service';
import type { Actor } from '../../actor';

/**
 * The demo's question bank: original items in the shape of the DİM civil-service test, each in Azerbaijani,
 * Russian and English, one Moodle XML file per section in the order they are seeded. Legislation items keep to
 * stable, generally known provisions and principles; an article number is given only where it is certain.
 */
export const DEMO_BANK_FILES = ['logic', 'legislation', 'informatics', 'language'].map((section) =>
  join(import.meta.dirname, 'bank', `${section}.xml`),
);

/**
 * The demo's questions as drafts, read by the same Moodle XML reader the bank's import route uses, so every
 * seed also proves the importer on the whole bank. A file the reader refuses stops the seed with its problems.
 */
export function demoDrafts(): QuestionDraft[] {
  return DEMO_BANK_FILES.flatMap((file) => {
    const read = FORMATS['moodle-xml'].import(readFileSync(file, 'utf8'));
    if (!read.ok) throw new Error(`demo bank ${file}: ${JSON.stringify(read.problems.slice(0, 3))}`);
    return read.drafts;
  });
}

const title = (az: string, ru: string, en: string): Localised => ({ az, ru, en });

function section(
  subject: string,
  sectionTitle: Localised,
  count: number,
  minCorrect: number,
  topics: string[] = [],
): BlueprintSection {
  return { title: sectionTitle, subject, topics, count, minCorrect, shuffleQuestions: true, shuffleOptions: true };
}

/**
 * DİM's civil-service test: 100 items in 180 minutes, logic 30, legislation 40, informatics 15,
 * Azerbaijani language 15, one point each, no penalty for wrong answers. Section counts are
 * scaled by `scale` when the bank is too small to fill the real shape.
 */
export function dimBlueprint(scale = 1): Blueprint {
  const n = (count: number) => Math.max(1, Math.round(count * scale));
  const sections = [
    section('logic', title('Məntiq', 'Логика', 'Logic'), n(30), 0),
    section('legislation', title('Qanunvericilik', 'Законодательство', 'Legislation'), n(40), 0),
    section('informatics', title('İnformatika', 'Информатика', 'Informatics'), n(15), 0),
    section('language', title('Azərbaycan dili', 'Азербайджанский язык', 'Azerbaijani language'), n(15), 0),
  ];
  const total = sections.reduce((sum, s) => sum + s.count, 0);
  return {
    name:
      scale === 1 ? 'DİM dövlət qulluğu testi (100 sual, 180 dəqiqə)' : `DİM dövlət qulluğu testi (miqyas ${scale})`,
    language: 'az',
    durationMinutes: 180,
    // The demo's pass mark: half of the points. The real mark is set per competition by the centre.
    passMark: Math.ceil(total / 2),
    scoring: { pointsPerItem: 1, negativeMarking: 0, annulled: 'award-all' },
    sections,
  };
}

/** Kazakhstan's legislation test: 55 items in 55 minutes, pass at 30 correct with at least 5 on each act. */
export function kazakhstanBlueprint(): Blueprint {
  const acts: [string, Localised, number][] = [
    ['constitution', title('Konstitusiya', 'Конституция', 'Constitution'), 14],
    [
      'civil-service-law',
      title('Dövlət qulluğu haqqında Qanun', 'Закон о государственной службе', 'Law on Civil Service'),
      14,
    ],
    [
      'anti-corruption-law',
      title('Korrupsiyaya qarşı mübarizə haqqında Qanun', 'Закон о противодействии коррупции', 'Anti-corruption law'),
      14,
    ],
    ['ethics-code', title('Etik davranış qaydaları', 'Этический кодекс', 'Ethics code'), 13],
  ];
  return {
    name: 'Qanunvericilik testi, Qazaxıstan modeli (55 sual, 55 dəqiqə)',
    language: 'ru',
    durationMinutes: 55,
    passMark: 30,
    scoring: { pointsPerItem: 1, negativeMarking: 0, annulled: 'remove' },
    sections: acts.map(([topic, name, count]) => section('legislation', name, count, 5, [topic])),
  };
}

/**
 * Fills the bank as examiners would: one writes, another reviews and approves. A few questions are
 * left mid-review, one is edited into a second version and one retired, so every state shows.
 */
export async function seedQuestionBank(deps: {
  questions: QuestionsService;
  blueprints: BlueprintsService;
  author: Actor;
  reviewer: Actor;
}): Promise<{ dimBlueprintId: string; kazakhstanBlueprintId: string }> {
  const { questions, blueprints, author, reviewer } = deps;
  // The bank arrives as an examiner's import would: one transaction, all or nothing.
  const drafts = demoDrafts();
  const imported = await questions.importDrafts(author, drafts, 'demo');
  if (!imported.ok) throw new Error(`demo bank: ${JSON.stringify(imported.problems.slice(0, 3))}`);
  const created = imported.ids.map((id, i) => ({ id, draft: drafts[i]! }));
  // Legislation is kept whole for the Kazakhstan-shaped blueprint; from the other sections every
  // twentieth question stays a draft and the next one waits in review, so the review queue is not empty.
  const spare = created.filter(({ draft }) => draft.subject !== 'legislation');
  const heldBack = new Map<string, 'draft' | 'review'>();
  spare.forEach(({ id }, i) => {
    if (i % 20 === 19) heldBack.set(id, 'draft');
    else if (i % 20 === 18) heldBack.set(id, 'review');
  });
  for (const { id } of created) {
    if (heldBack.get(id) === 'draft') continue;
    await questions.submit(author, id);
    if (heldBack.get(id) === 'review') continue;
    await questions.review(reviewer, id, 'approve', undefined);
  }
  const edited = spare[0]!;
  await questions.edit(author, edited.id, { ...edited.draft, tags: [...edited.draft.tags, 'revised'] });
  await questions.comment(reviewer, edited.id, 'Yeni redaktəni yoxlayıram. / Проверяю новую редакцию.');
  const retired = spare[1]!;
  await questions.retire(author, retired.id, 'Sual köhnəlib. / Вопрос устарел.');

  const dim = await blueprints.create(author, {
    ...dimBlueprint(),
    description: 'DİM-in dövlət qulluğuna qəbul testinin forması.',
  });
  const kazakhstan = await blueprints.create(author, {
    ...kazakhstanBlueprint(),
    description: 'Kazakhstan-shaped legislation test: at least 5 correct per act.',
  });
  return { dimBlueprintId: dim.id, kazakhstanBlueprintId: kazakhstan.id };
}
