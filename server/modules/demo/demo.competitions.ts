import type { Clock, History } from '../../clock';
import type { Competitions } from '../competitions/competitions';
import type { Actor } from '../../actor';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long the demo's first vacancy takes applications: Aysel applies at once, then it closes. */
const SHORT_DEADLINE_MS = HOUR;
/** The interview starts this long after the deadline, and the panel scores as soon as it has begun. */
const INTERVIEW_AFTER_MS = HOUR;
/** How much of the demo's history this part writes: the past it needs behind the present, at least. */
export const DEMO_COMPETITIONS_HISTORY_MS = SHORT_DEADLINE_MS + INTERVIEW_AFTER_MS + 5 * MINUTE;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The demo's competition round, run through the services an administrator, the panel and an applicant use,
 * in the demo's history (`history` moves its clock on, so nobody waits):
 * three agencies; an announced round of three vacancies, two still open for applications for two weeks;
 * Aysel (who holds the demo's certificate) applies to the first, which closes an hour later; her interview
 * with a panel of three (the administrator in the chair, both examiners), each score committed in the log;
 * the ranking published and her appointment recorded, so the register shows an appointment from the start.
 * A clock that `history` cannot move (a test's fixed one) leaves the round announced with her application.
 */
export async function seedDemoCompetitions(deps: {
  clock: Clock;
  history: History;
  competitions: Competitions;
  admin: Actor;
  examiners: Actor[];
  applicants: { aysel: string; timur: string };
}): Promise<void> {
  const { clock, history, competitions, admin, examiners, applicants } = deps;
  const now = clock().getTime();

  const justice = await competitions.agencies.create(admin, {
    code: 'ADLIYYE',
    name: { az: 'Ədliyyə Nazirliyi', ru: 'Министерство юстиции', en: 'Ministry of Justice' },
  });
  const taxes = await competitions.agencies.create(admin, {
    code: 'VERGI',
    name: { az: 'Vergilər Nazirliyi', ru: 'Министерство налогов', en: 'Ministry of Taxes' },
  });
  const asan = await competitions.agencies.create(admin, {
    code: 'ASAN',
    name: {
      az: 'Vətəndaşlara Xidmət və Sosial İnnovasiyalar üzrə Dövlət Agentliyi',
      ru: 'Государственное агентство по обслуживанию граждан и социальным инновациям',
      en: 'State Agency for Public Service and Social Innovations',
    },
  });

  const year = new Date(now).getUTCFullYear();
  const round = await competitions.rounds.create(admin, {
    code: `DEMO-${year}-1`,
    title: {
      az: `${year}-ci il dövlət qulluğuna qəbul üzrə müsabiqə (demo)`,
      ru: `Конкурс на государственную службу ${year} года (демо)`,
      en: `Civil service competition ${year} (demo)`,
    },
    testWeight: 40,
    interviewWeight: 60,
    rubric: [
      {
        key: 'knowledge',
        name: { az: 'Peşə bilikləri', ru: 'Профессиональные знания', en: 'Professional knowledge' },
        maxPoints: 10,
      },
      {
        key: 'analysis',
        name: { az: 'Analitik təfəkkür', ru: 'Аналитическое мышление', en: 'Analytical thinking' },
        maxPoints: 10,
      },
      { key: 'communication', name: { az: 'Ünsiyyət', ru: 'Коммуникация', en: 'Communication' }, maxPoints: 10 },
    ],
    applicationLimit: 3,
  });
  const programme = {
    az: 'Azərbaycan Respublikasının Konstitusiyası; "Dövlət qulluğu haqqında" Qanun; vəzifə üzrə işin təşkili.',
    ru: 'Конституция Азербайджанской Республики; Закон «О государственной службе»; организация работы по должности.',
    en: 'The Constitution; the Law on Civil Service; organising the work of the post.',
  };
  const first = await competitions.rounds.addVacancy(admin, round.id, {
    code: `DEMO-${year}-1-001`,
    agencyId: justice.id,
    position: { az: 'Baş məsləhətçi', ru: 'Главный консультант', en: 'Chief adviser' },
    categoryCode: 'AB',
    places: 1,
    location: 'Bakı',
    requirements: {
      az: 'Ali hüquq təhsili; AB və ya daha yuxarı kateqoriya üzrə etibarlı sertifikat.',
      ru: 'Высшее юридическое образование; действующий сертификат категории AB или выше.',
      en: 'A law degree; a valid certificate for category AB or above.',
    },
    interviewProgramme: programme,
    applicationDeadline: iso(now + SHORT_DEADLINE_MS),
  });
  await competitions.rounds.addVacancy(admin, round.id, {
    code: `DEMO-${year}-1-002`,
    agencyId: taxes.id,
    position: { az: 'Aparıcı məsləhətçi', ru: 'Ведущий консультант', en: 'Leading adviser' },
    categoryCode: 'AC',
    places: 2,
    location: 'Gəncə',
    requirements: {
      az: 'Ali iqtisadi təhsil; AC və ya daha yuxarı kateqoriya üzrə etibarlı sertifikat.',
      ru: 'Высшее экономическое образование; действующий сертификат категории AC или выше.',
      en: 'A degree in economics; a valid certificate for category AC or above.',
    },
    interviewProgramme: programme,
    applicationDeadline: iso(now + 14 * DAY),
  });
  await competitions.rounds.addVacancy(admin, round.id, {
    code: `DEMO-${year}-1-003`,
    agencyId: asan.id,
    position: { az: 'Məsləhətçi', ru: 'Консультант', en: 'Adviser' },
    categoryCode: 'BA',
    places: 3,
    location: 'Sumqayıt',
    requirements: {
      az: 'Ali təhsil; BA kateqoriyası üzrə etibarlı sertifikat.',
      ru: 'Высшее образование; действующий сертификат категории BA.',
      en: 'A degree; a valid certificate for category BA.',
    },
    interviewProgramme: programme,
    applicationDeadline: iso(now + 14 * DAY),
  });
  await competitions.rounds.announce(admin, round.id);

  const eligibility = await competitions.applications.eligibility(applicants.aysel, first.id);
  if (!eligibility.eligible) return;
  const application = await competitions.applications.apply(applicants.aysel, first.id);

  const deadline = new Date(first.applicationDeadline).getTime();
  history.advanceTo(deadline);
  if (clock().getTime() < deadline) return;
  const [chair, ...members] = [admin, ...examiners];
  await competitions.interviews.setPanel(admin, first.id, {
    members: [
      { userId: chair!.id!, panelRole: 'chair' },
      ...members.map((m) => ({ userId: m.id!, panelRole: 'member' as const })),
    ],
  });
  const startsAt = Math.max(clock().getTime(), deadline) + INTERVIEW_AFTER_MS;
  await competitions.interviews.setSlot(admin, application.id, { startsAt: iso(startsAt), location: 'Otaq 214' });
  history.advanceTo(startsAt);
  if (clock().getTime() < startsAt) return;
  const scores = [
    { knowledge: 9, analysis: 8, communication: 9 },
    { knowledge: 8, analysis: 8, communication: 7 },
    { knowledge: 9, analysis: 7, communication: 8 },
  ];
  for (const [i, member] of [chair!, ...members].entries())
    await competitions.interviews.enterScore(member, application.id, { scores: scores[i]! });
  await competitions.appointments.publishRanking(admin, first.id);
  await competitions.appointments.appoint(admin, first.id, application.id);
}
