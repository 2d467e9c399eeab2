import type { CompetitionRound } from '../../../db/schema/index';
import type { Localised } from '../../core/question';
import type { RegisterVacancyRow, RegisterVacancyStatus } from '../register/register.types';
import type { VacancyRow } from './rounds.repository';
import type { PublicVacancy } from './rounds.schemas';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A localised text as a log entry carries it: only the languages it has. */
export function localisedJson(value: Localised): Record<string, string> {
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** What a vacancy offers and asks, as announced: the same in its public view and in the register's row. */
function vacancyTerms(vacancy: VacancyRow['vacancy']) {
  return {
    position: vacancy.position,
    categoryCode: vacancy.categoryCode,
    places: vacancy.places,
    location: vacancy.location,
    requirements: vacancy.requirements,
    interviewProgramme: vacancy.interviewProgramme,
  };
}

export function publicVacancy({ vacancy, agency, round }: VacancyRow): PublicVacancy {
  return {
    id: vacancy.id,
    code: vacancy.code,
    roundId: round.id,
    roundCode: round.code,
    agency: { id: agency.id, code: agency.code, name: agency.name },
    ...vacancyTerms(vacancy),
    applicationDeadline: vacancy.applicationDeadline.toISOString(),
    status: vacancy.status,
    announcedAt: iso(vacancy.announcedAt),
    closedAt: iso(vacancy.closedAt),
    rankingPublishedAt: iso(vacancy.rankingPublishedAt),
    logIndex: vacancy.logIndex,
    leafHash: vacancy.leafHash,
    rankingLogIndex: vacancy.rankingLogIndex,
    rankingLeafHash: vacancy.rankingLeafHash,
  };
}

/** What a round sets for each of its vacancies (see `RoundTerms`). */
export function roundTerms(round: CompetitionRound) {
  return {
    id: round.id,
    code: round.code,
    title: round.title,
    testWeight: round.testWeight,
    interviewWeight: round.interviewWeight,
    rubric: round.rubric,
    applicationLimit: round.applicationLimit,
  };
}

/** The round's terms with the announcement's log receipt. */
export function announcedTerms(round: CompetitionRound) {
  return {
    ...roundTerms(round),
    announcedAt: iso(round.announcedAt),
    logIndex: round.logIndex,
    leafHash: round.leafHash,
  };
}

const REGISTER_STATUS: Record<'announced' | 'ranked' | 'appointed' | 'closed', RegisterVacancyStatus> = {
  announced: 'announced',
  ranked: 'interviews',
  appointed: 'appointed',
  closed: 'closed',
};

export type TimelineStep = RegisterVacancyRow['timeline'][number];

/**
 * The register's row for an announced vacancy, as far as its timeline has got. The receipt stays the
 * announcement's; later steps carry their own.
 */
export function registerVacancyRow(
  { vacancy, agency, round }: VacancyRow,
  later: { steps?: TimelineStep[]; reserve?: RegisterVacancyRow['reserve'] } = {},
): RegisterVacancyRow {
  if (!vacancy.announcedAt || vacancy.logIndex === null || !vacancy.leafHash || vacancy.status === 'draft')
    throw new Error(`register: vacancy ${vacancy.code} is not announced`);
  const timeline: TimelineStep[] = [
    { event: 'announced', at: vacancy.announcedAt, logIndex: vacancy.logIndex, leafHash: vacancy.leafHash },
    { event: 'applications_closed', at: vacancy.applicationDeadline },
  ];
  if (vacancy.rankingPublishedAt && vacancy.rankingLogIndex !== null && vacancy.rankingLeafHash)
    timeline.push({
      event: 'ranking_published',
      at: vacancy.rankingPublishedAt,
      logIndex: vacancy.rankingLogIndex,
      leafHash: vacancy.rankingLeafHash,
    });
  timeline.push(...(later.steps ?? []));
  return {
    logIndex: vacancy.logIndex,
    leafHash: vacancy.leafHash,
    vacancyId: vacancy.id,
    vacancyCode: vacancy.code,
    roundId: round.id,
    roundCode: round.code,
    roundTitle: round.title,
    agencyCode: agency.code,
    agencyName: agency.name,
    ...vacancyTerms(vacancy),
    announcedAt: vacancy.announcedAt,
    applicationDeadline: vacancy.applicationDeadline,
    status: REGISTER_STATUS[vacancy.status],
    timeline: timeline.sort((a, b) => a.at.getTime() - b.at.getTime()),
    ...(later.reserve ? { reserve: later.reserve } : {}),
  };
}
