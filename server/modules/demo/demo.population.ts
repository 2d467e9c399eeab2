import { randomBytes } from 'node:crypto';
import type { Actor } from '../../actor';
import type { Clock, History } from '../../clock';
import {
  itemParameters,
  seededRandom,
  simulateAnswers,
  type PlantedFault,
  type SimulatedItem,
} from '../../core/item-statistics/index';
import type { Language, QuestionKey } from '../../core/question';
import { scoreAttempt, type Answer } from '../../core/scoring/index';
import type { BlueprintsService } from '../blueprints/blueprints.service';
import type { QuestionsService } from '../questions/questions.service';
import type { ResultsService } from '../results/results.service';
import type { SittingsService } from '../sittings/sittings.service';
import { dimBlueprint } from './demo.bank';
import type { DemoPopulationRepository, SatAttempt, SimulatedApplicant } from './demo.population.repository';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The population's shift: booking closes half an hour after the history's start, the shift runs three and a half hours. */
const LEAD_MS = 30 * MINUTE;
const RUN_MS = 3 * HOUR + 30 * MINUTE;
/** How much of the demo's history the population writes. */
export const DEMO_POPULATION_HISTORY_MS = LEAD_MS + RUN_MS + 5 * MINUTE;

/** The simulation's seed: the same seed, the same candidates' answers to the same papers. */
export const DEMO_POPULATION_SEED = 'imtahan-demo-population-2026';
/** Candidates per language: DİM's Azerbaijani and Russian sectors sit the same shift in different halls. */
export const DEMO_POPULATION_PER_LANGUAGE = 500;

const CODE_ALPHABET = 'ACDEFGHJKLMNPQRTUVWXY34679';

const NAMES: Record<'az' | 'ru', { first: [string[], string[]]; last: string[]; female: (last: string) => string }> = {
  az: {
    first: [
      ['Elvin', 'Rəşad', 'Tural', 'Orxan', 'Kamran', 'Nicat', 'Fərid', 'Emil', 'Murad', 'Səbuhi', 'Ramil', 'Vüsal'],
      ['Aysel', 'Günay', 'Leyla', 'Nərmin', 'Səbinə', 'Aynur', 'Lalə', 'Könül', 'Fidan', 'Zəhra', 'Nigar', 'Sevinc'],
    ],
    last: ['Məmmədov', 'Əliyev', 'Həsənov', 'Hüseynov', 'Quliyev', 'İsmayılov', 'Abbasov', 'Cəfərov', 'Rzayev'],
    female: (last) => `${last}a`,
  },
  ru: {
    first: [
      ['Алексей', 'Дмитрий', 'Сергей', 'Игорь', 'Андрей', 'Михаил', 'Павел', 'Роман', 'Олег', 'Артём'],
      ['Ольга', 'Наталья', 'Екатерина', 'Анна', 'Мария', 'Ирина', 'Татьяна', 'Елена', 'Светлана', 'Юлия'],
    ],
    last: ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Волков', 'Соколов', 'Лебедев', 'Морозов', 'Новиков'],
    female: (last) => `${last}а`,
  },
};

type PoolItem = Awaited<ReturnType<QuestionsService['pool']>>[number];

/**
 * The faults planted in the bank's items, chosen by subject and bank position so every seed plants the same
 * ones: a legislation item whose key is wrong (the able choose another option), a logic item that tells nobody
 * apart, an informatics item with a distractor that attracts strong candidates, and a medium legislation item whose
 * Russian text is harder than its Azerbaijani one.
 */
export function plantFaults(pool: readonly PoolItem[]): Map<string, PlantedFault> {
  const singles = (subject: string) =>
    pool
      .filter((p) => p.subject === subject && p.key.type === 'single' && p.optionIds.length >= 4)
      .sort((x, y) => x.position - y.position);
  const distractors = (p: PoolItem) => p.optionIds.filter((o) => p.key.type === 'single' && o !== p.key.correct[0]);
  const faults = new Map<string, PlantedFault>();
  const [miskeyed, ...others] = singles('legislation');
  // A medium item for the translation fault: on an easy one so few candidates miss it that a thousand-strong
  // population cannot tell a 1.5-logit shift from chance (the Mantel–Haenszel D-DIF's error is too wide for class C).
  const translated = others.find((p) => p.difficulty === 'medium') ?? others[0];
  const [flat] = singles('logic');
  const [attracting] = singles('informatics');
  if (miskeyed) faults.set(miskeyed.versionId, { kind: 'miskeyed', believed: distractors(miskeyed)[0]! });
  if (flat) faults.set(flat.versionId, { kind: 'flat' });
  if (attracting) faults.set(attracting.versionId, { kind: 'attracting', option: distractors(attracting).at(-1)! });
  if (translated) faults.set(translated.versionId, { kind: 'harder-in', language: 'ru', shift: 1.5 });
  return faults;
}

/** The bank's items as the simulation sees them: the authored difficulty as a 3PL position, and the planted faults. */
function simulatedItems(pool: readonly PoolItem[]): SimulatedItem[] {
  const faults = plantFaults(pool);
  return pool.map((p) => {
    const choice = p.key.type !== 'short';
    const fault = faults.get(p.versionId);
    // The subject and bank position, not the version's random id: the same population in every database.
    const stableKey = `${p.subject}:${p.position}`;
    return {
      id: p.versionId,
      stableKey,
      options: choice ? p.optionIds : [],
      key: p.key.type === 'short' || p.key.type === 'essay' ? [] : p.key.correct,
      ...itemParameters(DEMO_POPULATION_SEED, stableKey, p.difficulty, choice ? p.optionIds.length : 0),
      ...(fault ? { fault, ...(fault.kind === 'flat' ? { difficulty: 0 } : {}) } : {}),
    };
  });
}

/** Deterministic names and candidate codes; ticket tokens stay random, as they are the ticket's secret. */
function applicants(language: 'az' | 'ru', count: number, taken: Set<string>): SimulatedApplicant[] {
  const random = seededRandom(language === 'az' ? 0x5eed_a2 : 0x5eed_5b);
  const { first, last, female } = NAMES[language];
  return Array.from({ length: count }, (_, k) => {
    const woman = random() < 0.5 ? 1 : 0;
    const surname = last[Math.floor(random() * last.length)]!;
    const name = first[woman]![Math.floor(random() * first[woman]!.length)]!;
    let code: string;
    do {
      code = Array.from({ length: 8 }, () => CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)]).join('');
    } while (taken.has(code));
    taken.add(code);
    return {
      fullName: `${woman ? female(surname) : surname} ${name}`,
      email: `simulated-${language}-${String(k + 1).padStart(4, '0')}@population.demo.imtahan.az`,
      candidateCode: code,
      ticketToken: randomBytes(18).toString('base64url'),
    };
  });
}

const WRONG_TEXT: Record<'az' | 'ru', string> = { az: 'bilmirəm', ru: 'не знаю' };

/**
 * The demo's population: a DİM-shaped test sat by a thousand simulated candidates in one shift, the Azerbaijani
 * sector and the Russian sector as two sittings of one blueprint (its language set for each before booking closes),
 * answering by an item response model with a few planted faults, and both sittings' results published. The
 * statistics pages then have a real population to read and real faults to find: per sitting, and across the
 * blueprint's two sittings for the difference between the languages.
 *
 * The sittings, the drawing of the papers, the scoring rules and the publication go through the services; the
 * applicants, their bookings and their answers are written in bulk (see the repository).
 */
export async function seedDemoPopulation(deps: {
  clock: Clock;
  history: History;
  repository: DemoPopulationRepository;
  blueprints: BlueprintsService;
  sittings: SittingsService;
  results: ResultsService;
  pool: PoolItem[];
  admin: Actor;
  author: Actor;
  perLanguage?: number;
}): Promise<{ blueprintId: string; sittingIds: string[] }> {
  const { clock, history, repository, blueprints, sittings, results, pool, admin, author } = deps;
  const perLanguage = deps.perLanguage ?? DEMO_POPULATION_PER_LANGUAGE;
  const startsAt = clock().getTime() + LEAD_MS;
  const endsAt = startsAt + RUN_MS;
  const day = new Date(startsAt).toISOString().slice(0, 10);
  const shape = {
    ...dimBlueprint(),
    name: 'DİM dövlət qulluğu testi: Azərbaycan və rus bölmələri (demo populyasiyası)',
  };
  const description = 'Demo: 1000 simulyasiya edilmiş namizəd, iki dildə; bir neçə sual qəsdən qüsurludur.';
  const blueprint = await blueprints.create(author, { ...shape, language: 'az', description });

  const sectors: { language: 'az' | 'ru'; sittingId: string; roomId: string }[] = [];
  for (const language of ['az', 'ru'] as const) {
    const sitting = await sittings.create(admin, {
      code: `DEMO-${day}-10-${language.toUpperCase()}`,
      categoryCode: 'AB',
      blueprintId: blueprint.id,
      mode: 'centre',
      startsAt: new Date(startsAt).toISOString(),
      entryClosesAt: new Date(startsAt + 30 * MINUTE).toISOString(),
      endsAt: new Date(endsAt).toISOString(),
      bookingClosesAt: new Date(startsAt).toISOString(),
      arrivalMinutes: 45,
      rooms: [{ name: language === 'az' ? 'Zal C-301' : 'Зал C-302', capacity: perLanguage }],
    });
    await sittings.openBooking(admin, sitting.id);
    sectors.push({ language, sittingId: sitting.id, roomId: sitting.rooms[0]!.id });
  }
  const result = { blueprintId: blueprint.id, sittingIds: sectors.map((s) => s.sittingId) };
  // A clock that `history` cannot move (a test's fixed one) leaves both sittings open for booking and empty.
  const opened = clock().getTime();
  history.advanceTo(opened + MINUTE);
  if (clock().getTime() <= opened) return result;
  const codes = new Set<string>();
  for (const { language, sittingId, roomId } of sectors) {
    // A sitting takes the blueprint as it stands when booking closes: the Russian sector's in Russian.
    if (language !== 'az') await blueprints.update(author, blueprint.id, { ...shape, language, description });
    await repository.seat(sittingId, roomId, applicants(language, perLanguage, codes), clock());
    // Closing booking draws every candidate's paper from the bank, as on a real exam day.
    await sittings.closeBooking(admin, sittingId);
  }

  history.advanceTo(startsAt + MINUTE);
  if (clock().getTime() < startsAt) return result;
  const items = simulatedItems(pool);
  const keys: Record<string, QuestionKey> = Object.fromEntries(pool.map((p) => [p.versionId, p.key]));
  for (const { language, sittingId } of sectors) {
    const drawn = await repository.drawn(sittingId);
    const answered = simulateAnswers(
      DEMO_POPULATION_SEED,
      items,
      // Keyed by the seeded candidate code, not the attempt's random id: the same candidates, the same abilities.
      drawn.attempts.map((a) => ({
        id: a.candidateCode,
        language,
        items: a.paper.sections.flatMap((s) => s.items.map((i) => i.versionId)),
      })),
    );
    const sat: SatAttempt[] = drawn.attempts.map((attempt, k) => {
      const answers: SatAttempt['answers'] = [];
      for (const response of answered[k]!.responses) {
        const answer = answerOf(response, keys[response.item]!, language);
        if (answer) answers.push({ versionId: response.item, answer });
      }
      const startedAt = new Date(startsAt + (k % 15) * MINUTE);
      const deadline = new Date(Math.min(startedAt.getTime() + drawn.blueprint.durationMinutes * MINUTE, endsAt));
      const submittedAt = new Date(startedAt.getTime() + (100 + ((k * 37) % 75)) * MINUTE);
      const result = scoreAttempt({
        paper: attempt.paper,
        answers: Object.fromEntries(answers.map((a) => [a.versionId, a.answer])),
        // The paper's own keys: the scoring digest covers every key it is handed.
        keys: Object.fromEntries(answered[k]!.responses.map((r) => [r.item, keys[r.item]!])),
        blueprint: drawn.blueprint,
        annulments: [],
      });
      return { id: attempt.id, startedAt, deadline, submittedAt, result, answers };
    });
    await repository.sat(sat);
  }

  history.advanceTo(endsAt + MINUTE);
  if (clock().getTime() >= endsAt) for (const { sittingId } of sectors) await results.publish(admin, sittingId);
  return result;
}

/** What the candidate saved for the item: the options chosen, or a text (an accepted one when right), or nothing. */
function answerOf(
  response: { chosen: string[] | null; right: boolean; omitted: boolean },
  key: QuestionKey,
  language: Language & ('az' | 'ru'),
): Answer | null {
  if (response.omitted) return null;
  if (key.type !== 'short') return response.chosen ? { kind: 'choice', optionIds: response.chosen } : null;
  const accepted = key.accepted[0];
  return { kind: 'text', text: response.right ? (accepted?.[language] ?? accepted?.az ?? '') : WRONG_TEXT[language] };
}
