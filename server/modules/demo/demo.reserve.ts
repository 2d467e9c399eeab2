import type { SignedInActor } from '../../actor';
import type { Clock, History } from '../../clock';
import type { QuestionDraft } from '../../core/question';
import type { AttemptsService } from '../attempts/attempts.service';
import type { BlueprintsService } from '../blueprints/blueprints.service';
import type { BookingsService } from '../bookings/bookings.service';
import type { Competitions } from '../competitions/competitions';
import type { MarkingService } from '../marking/marking.service';
import type { QuestionsService } from '../questions/questions.service';
import type { SittingsService } from '../sittings/sittings.service';
import type { UsersRepository } from '../users/users.repository';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Applications close an hour into this part's history; the test stage's list is published then. */
const DEADLINE_MS = HOUR;
/** The written work's sitting: its entry window opens half an hour later, for half an hour; an hour's task. */
const WRITTEN_LEAD_MS = 30 * MINUTE;
const ENTRY_MS = 30 * MINUTE;
/** From the entry window's close to the end: the hour with a quarter more, as every sitting allows. */
const AFTER_ENTRY_MS = 75 * MINUTE;
/** How much of the demo's history this part writes: the past it needs behind the present, at least. */
export const DEMO_RESERVE_HISTORY_MS = DEADLINE_MS + WRITTEN_LEAD_MS + ENTRY_MS + AFTER_ENTRY_MS + 5 * MINUTE;

/** How many of the simulated population apply; the test stage lets the best six (and any tied with the sixth) on. */
const APPLICANTS = 8;
/** Two totals further apart than this (of 30) go to the chief. */
const THRESHOLD = 6;

const iso = (ms: number) => new Date(ms).toISOString();

/** The written task: a reply to a citizen, marked on a three-criterion rubric (the reserve's "understanding citizens' needs"). */
function essayTask(): QuestionDraft {
  const levels = (low: [string, string, string], mid: [string, string, string], top: [string, string, string]) => [
    { points: 0, descriptor: { az: low[0], ru: low[1], en: low[2] } },
    { points: 5, descriptor: { az: mid[0], ru: mid[1], en: mid[2] } },
    { points: 10, descriptor: { az: top[0], ru: top[1], en: top[2] } },
  ];
  return {
    externalId: 'reserve-essay-2026-citizen-letter',
    subject: 'language',
    topic: 'written-work',
    difficulty: 'medium',
    content: {
      type: 'essay',
      text: {
        az: 'Vətəndaş yazır ki, üç aydır ki, pensiya müraciətinə cavab ala bilmir. Qurumun adından ona cavab məktubu yazın: problemi necə başa düşdüyünüzü, nə edəcəyinizi və nə vaxt. İstədiyiniz dildə (az, ru, en) yaza bilərsiniz.',
        ru: 'Гражданин пишет, что три месяца не может получить ответ на заявление о пенсии. Напишите ему ответ от имени ведомства: как вы поняли проблему, что и когда вы сделаете. Можно писать на любом из языков (az, ru, en).',
        en: 'A citizen writes that for three months they have had no answer to their pension claim. Write the reply on behalf of the agency: how you understand the problem, what you will do and when. You may write in any of az, ru or en.',
      },
      options: [],
      expectedLength: { minWords: 60, maxWords: 250 },
    },
    key: {
      type: 'essay',
      rubric: [
        {
          id: 'needs',
          title: {
            az: 'Vətəndaşın ehtiyacını anlamaq',
            ru: 'Понимание нужд гражданина',
            en: "Understanding the citizen's needs",
          },
          maxPoints: 10,
          levels: levels(
            ['Problem görülmür', 'Проблема не замечена', 'The problem is missed'],
            ['Problem qismən görülür', 'Проблема понята частично', 'The problem is partly understood'],
            [
              'Problem və onun nəticələri aydın görülür',
              'Проблема и её последствия ясны',
              'The problem and its effects are clear',
            ],
          ),
        },
        {
          id: 'action',
          title: {
            az: 'Konkret addımlar və müddətlər',
            ru: 'Конкретные шаги и сроки',
            en: 'Concrete steps and deadlines',
          },
          maxPoints: 10,
          levels: levels(
            ['Addım yoxdur', 'Шагов нет', 'No steps'],
            ['Addımlar var, müddət yoxdur', 'Шаги без сроков', 'Steps without deadlines'],
            ['Addımlar, məsul şəxs və müddət', 'Шаги, ответственный и сроки', 'Steps, who is responsible, and when'],
          ),
        },
        {
          id: 'language',
          title: { az: 'Dil və ton', ru: 'Язык и тон', en: 'Language and tone' },
          maxPoints: 10,
          levels: levels(
            ['Kobud və ya anlaşılmaz', 'Грубо или непонятно', 'Rude or unclear'],
            ['Anlaşılan, rəsmi-quru', 'Понятно, но сухо', 'Clear but curt'],
            ['Nəzakətli, aydın, savadlı', 'Вежливо, ясно, грамотно', 'Courteous, clear and correct'],
          ),
        },
      ],
    },
    explanation: {
      az: 'Rubrika üzrə iki müstəqil qiymətləndirici; fərq 6 baldan çox olarsa baş qiymətləndirici.',
      ru: 'Два независимых проверяющих по рубрике; при разнице больше 6 баллов — старший проверяющий.',
      en: 'Two independent markers on the rubric; a chief marker when they differ by more than 6 points.',
    },
    tags: ['essay', 'reserve'],
  };
}

/**
 * The candidates' replies, in the language each chose, best first as the markers see them, and each script's
 * two markings (per criterion: needs, action, language). The second reply's markers disagree beyond the
 * threshold (10 against 22 of 30): it waits for the chief. Replies beyond the sixth are for candidates tied
 * with the sixth at the test stage.
 */
const REPLIES: { text: string; marks: [number[], number[]] }[] = [
  {
    text: 'Hörmətli Rəşid müəllim, pensiya müraciətinizə üç ay cavab verilməməsi bizim səhvimizdir, üzr istəyirik. Müraciətiniz arxiv sorğusu gözlədiyi üçün dayanıb: iş stajınızın 1994–1998-ci illəri təsdiqlənməyib. Sorğunu bu gün təkrar göndərdik və cavabı 10 iş günü ərzində alacağıq. Şöbə müdiri Leyla Həsənova işinizi şəxsən izləyir; 20 dekabradək qərar sizə yazılı bildiriləcək. Sualınız olarsa, 146 nömrəsinə zəng edin, müraciət nömrənizi deyin.',
    marks: [
      [9, 9, 8],
      [8, 8, 8],
    ],
  },
  {
    text: 'Уважаемая Ольга Петровна, ваше заявление получено. Сроки рассмотрения установлены законом. Ожидайте ответа. Если ответа не будет, обратитесь повторно.',
    marks: [
      [3, 4, 3],
      [7, 8, 7],
    ],
  },
  {
    text: 'Dear Mr Aliyev, thank you for writing, and I am sorry you have waited three months. Your claim is complete except for one employer’s record, which we asked for in October and did not chase. I have chased it today. If it has not arrived by 15 December we will decide on the records we hold and add the missing years later, so your pension is not delayed further. I will write to you by 20 December either way.',
    marks: [
      [8, 8, 9],
      [8, 7, 8],
    ],
  },
  {
    text: 'Уважаемый Игорь Сергеевич! Приносим извинения за задержку. Ваше заявление ждёт справку о стаже из архива. Мы направим повторный запрос и постараемся ускорить решение. О результате сообщим письмом.',
    marks: [
      [6, 4, 7],
      [6, 5, 6],
    ],
  },
  {
    text: 'Hörmətli vətəndaş, müraciətiniz qeydə alınıb və baxılır. Gecikməyə görə üzr istəyirik. Sənədləriniz yoxlanılır, nəticə barədə sizə məlumat veriləcək.',
    marks: [
      [4, 3, 5],
      [5, 3, 6],
    ],
  },
  {
    text: 'Dear citizen, we received your letter. Pension claims take time because many people apply. Please be patient; we will contact you when the decision is made.',
    marks: [
      [3, 2, 5],
      [4, 2, 4],
    ],
  },
  {
    text: 'Hörmətli Aynur xanım, müraciətiniz üzrə iş stajınızın təsdiqi gözlənilir. Sorğunu yenidən göndərəcəyik və iki həftə ərzində sizə zəng edəcəyik.',
    marks: [
      [6, 6, 6],
      [6, 5, 6],
    ],
  },
  {
    text: 'Уважаемый заявитель, ваше обращение рассмотрено. Недостающие документы запрошены, решение будет принято в установленный срок.',
    marks: [
      [4, 4, 5],
      [5, 4, 5],
    ],
  },
];

/** A marker's reason for each criterion, in the language of the reply. */
const JUSTIFICATIONS: Record<'az' | 'ru' | 'en', Record<string, string>> = {
  az: {
    needs: 'Vətəndaşın problemi nə dərəcədə görülür.',
    action: 'Addımlar və müddətlər nə qədər konkretdir.',
    language: 'Ton və savad.',
  },
  ru: {
    needs: 'Насколько понята проблема гражданина.',
    action: 'Насколько конкретны шаги и сроки.',
    language: 'Тон и грамотность.',
  },
  en: {
    needs: "How well the citizen's problem is understood.",
    action: 'How concrete the steps and dates are.',
    language: 'Tone and correctness.',
  },
};

const languageOf = (text: string): 'az' | 'ru' | 'en' =>
  /[а-яё]/i.test(text) ? 'ru' : /[əğıöüçş]/i.test(text) ? 'az' : 'en';

/**
 * A reserve-style programme (like Kazakhstan's Presidential Youth Personnel Reserve), run through the services
 * in the demo's history and left at its written-work stage: a round of four stages (test, written work,
 * interview, commission decision); eight of the simulated population apply on their certificates; the test
 * stage's list is published; those through write the written task at a sitting now over; the two demo
 * examiners have marked every script blind, and one script, whose two totals are far apart, waits for the
 * chief marker, the demo's administrator. A clock that `history` cannot move leaves the round announced.
 */
export async function seedDemoReserve(deps: {
  clock: Clock;
  history: History;
  competitions: Competitions;
  questions: QuestionsService;
  blueprints: BlueprintsService;
  sittings: SittingsService;
  bookings: BookingsService;
  attempts: AttemptsService;
  marking: MarkingService;
  users: Pick<UsersRepository, 'findByEmail'>;
  admin: SignedInActor;
  /** The demo's two examiners: they write and review the task, then mark blind. */
  examiners: [SignedInActor, SignedInActor];
}): Promise<void> {
  const { clock, history, competitions, questions, blueprints, sittings, bookings, attempts, marking, admin } = deps;
  const [first, second] = deps.examiners;
  const now = clock().getTime();
  const year = new Date(now).getUTCFullYear();

  // The written task sits under its own topic, so the written work's blueprint draws it and nothing else.
  await questions.createTopic(first, 'language', {
    id: 'written-work',
    name: { az: 'Yazı işi', ru: 'Письменная работа', en: 'Written work' },
  });
  const task = await questions.create(first, essayTask());
  await questions.submit(first, task.id);
  await questions.review(second, task.id, 'approve', undefined);
  const blueprint = await blueprints.create(first, {
    name: 'Kadr ehtiyatı: yazı işi (60 dəqiqə)',
    description: 'Vətəndaş müraciətinə cavab; iki qiymətləndirici, rubrika üzrə.',
    language: 'az',
    durationMinutes: 60,
    passMark: 0,
    scoring: { pointsPerItem: 1, negativeMarking: 0, annulled: 'award-all' },
    sections: [
      {
        title: { az: 'Yazı işi', ru: 'Письменная работа', en: 'Written work' },
        subject: 'language',
        topics: ['written-work'],
        count: 1,
        minCorrect: 0,
        shuffleQuestions: false,
        shuffleOptions: false,
      },
    ],
  });

  const agency = await competitions.agencies.create(admin, {
    code: 'DQMDA',
    name: {
      az: 'Dövlət Qulluğu Məsələləri üzrə Dövlət Agentliyi',
      ru: 'Государственное агентство по вопросам государственной службы',
      en: 'State Agency for Civil Service Affairs',
    },
  });
  const round = await competitions.rounds.create(admin, {
    code: `EHTIYAT-${year}`,
    title: {
      az: `Gənc idarəçilərin kadr ehtiyatı ${year} (demo)`,
      ru: `Кадровый резерв молодых управленцев ${year} (демо)`,
      en: `Young managers' personnel reserve ${year} (demo)`,
    },
    testWeight: 50,
    interviewWeight: 50,
    rubric: [
      {
        key: 'leadership',
        name: { az: 'Liderlik', ru: 'Лидерство', en: 'Leadership' },
        maxPoints: 10,
      },
      {
        key: 'negotiation',
        name: {
          az: 'Danışıqlar və münaqişələrin həlli',
          ru: 'Переговоры и разрешение конфликтов',
          en: 'Negotiation and conflict resolution',
        },
        maxPoints: 10,
      },
    ],
    applicationLimit: 1,
  });
  await competitions.stages.configure(admin, round.id, {
    stages: [
      { kind: 'test', weight: 30, top: { kind: 'number', value: 6 }, ties: 'include' },
      { kind: 'written', blueprintId: blueprint.id, weight: 30, minScore: 50, ties: 'include' },
      { kind: 'interview', weight: 40, minScore: 60, ties: 'include' },
      { kind: 'commission', weight: 0, top: { kind: 'number', value: 2 }, ties: 'exclude' },
    ],
  });
  const deadline = now + DEADLINE_MS;
  const vacancy = await competitions.rounds.addVacancy(admin, round.id, {
    code: `EHTIYAT-${year}-01`,
    agencyId: agency.id,
    position: { az: 'Kadr ehtiyatı: idarəçi', ru: 'Кадровый резерв: управленец', en: 'Personnel reserve: manager' },
    categoryCode: 'AB',
    places: 2,
    location: 'Bakı',
    requirements: {
      az: 'Ali təhsil; 35 yaşadək; AB kateqoriyası üzrə etibarlı sertifikat.',
      ru: 'Высшее образование; до 35 лет; действующий сертификат категории AB.',
      en: 'A degree; aged under 35; a valid certificate for category AB.',
    },
    interviewProgramme: {
      az: 'Liderlik, danışıqlar, vətəndaşların ehtiyaclarının anlaşılması.',
      ru: 'Лидерство, переговоры, понимание нужд граждан.',
      en: "Leadership, negotiation, understanding citizens' needs.",
    },
    applicationDeadline: iso(deadline),
  });
  await competitions.rounds.announce(admin, round.id);

  // Half an hour into the application window, eight of the simulated population who hold a certificate apply,
  // Azerbaijani and Russian sectors alternating. (On a clock that does not move, nobody holds one: stop here.)
  const applyAt = now + DEADLINE_MS / 2;
  history.advanceTo(applyAt);
  if (clock().getTime() < applyAt) return;
  const applied = new Map<string, string>();
  for (let k = 1; applied.size < APPLICANTS && k <= 40; k++) {
    const language = k % 2 ? 'az' : 'ru';
    const email = `simulated-${language}-${String(Math.ceil(k / 2)).padStart(4, '0')}@population.demo.imtahan.az`;
    const user = await deps.users.findByEmail(email);
    if (!user || !(await competitions.applications.eligibility(user.id, vacancy.id)).eligible) continue;
    const application = await competitions.applications.apply(user.id, vacancy.id);
    applied.set(application.id, user.id);
  }

  const startsAt = deadline + WRITTEN_LEAD_MS;
  const endsAt = startsAt + ENTRY_MS + AFTER_ENTRY_MS;
  const sitting = await sittings.create(admin, {
    code: `EHTIYAT-${year}-YAZI`,
    categoryCode: 'AB',
    blueprintId: blueprint.id,
    mode: 'centre',
    startsAt: iso(startsAt),
    entryClosesAt: iso(startsAt + ENTRY_MS),
    endsAt: iso(endsAt),
    bookingClosesAt: iso(startsAt),
    arrivalMinutes: 30,
    rooms: [{ name: 'Zal C-105', capacity: 20 }],
  });
  await sittings.openBooking(admin, sitting.id);

  history.advanceTo(deadline);
  if (clock().getTime() < deadline) return;
  // The test stage's list is published (to the log, and to each applicant); those through book the written work.
  const tested = await competitions.stages.advance(admin, vacancy.id, 1);
  const through = tested.results.filter((r) => r.advanced).map((r) => applied.get(r.applicationId)!);
  const booked = [];
  for (const userId of through) booked.push({ userId, booking: await bookings.book(userId, sitting.id) });
  await sittings.closeBooking(admin, sitting.id);
  // Drawn into the papers, the task is retired: a written task is used once, and never drawn into another test.
  await questions.retire(first, task.id, 'Bir dəfəlik yazı tapşırığı. / Одноразовое письменное задание.');

  history.advanceTo(startsAt);
  if (clock().getTime() < startsAt) return;
  for (const [i, { userId, booking }] of booked.entries()) {
    const started = await attempts.start(userId, booking.id);
    const paper = await attempts.view(userId, started.attemptId);
    const item = paper.sections.flatMap((s) => s.items)[0]!;
    await attempts.save(userId, started.attemptId, {
      versionId: item.versionId,
      seq: 1,
      answer: { kind: 'text', text: REPLIES[i % REPLIES.length]!.text },
      flagged: false,
    });
    await attempts.submit(userId, started.attemptId);
  }

  history.advanceTo(endsAt);
  if (clock().getTime() < endsAt) return;
  await marking.createPlan(admin, sitting.id, {
    markerIds: [first.id, second.id],
    chiefId: admin.id,
    threshold: THRESHOLD,
    rule: 'closest-pair',
  });
  for (const [m, marker] of [first, second].entries())
    for (const { code } of (await marking.queue(marker.id)).scripts) {
      const script = await marking.script(marker.id, code);
      const reply = REPLIES.find((r) => r.text === script.text);
      if (!reply) continue;
      const language = languageOf(script.text);
      const criteria = ['needs', 'action', 'language'].map((criterionId, c) => ({
        criterionId,
        points: reply.marks[m]![c]!,
        justification: JUSTIFICATIONS[language][criterionId]!,
      }));
      await marking.mark(marker, code, { criteria });
    }
}
