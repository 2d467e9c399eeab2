import type { History } from '../../clock';
import type { Clock } from '../../clock';
import type { Actor } from '../../actor';
import type { ConsultationsService } from '../consultations/consultations.service';

const HOUR = 3_600_000;
/** The consultations' past: questions from three days ago, answered over the days since. */
export const DEMO_CONSULTATIONS_HISTORY_MS = 72 * HOUR;

/** Frequently asked questions the demo publishes, in the three languages. */
const FAQ = [
  {
    topic: 'booking' as const,
    question: {
      az: 'Qeydiyyatdan keçdiyim növbəni dəyişə bilərəmmi?',
      ru: 'Можно ли поменять смену, на которую я записан?',
      en: 'Can I change the shift I booked?',
    },
    answer: {
      az: 'Bəli, yazılış bağlanana qədər yazılışı ləğv edib başqa növbəyə yazıla bilərsiniz. Yazılış bağlandıqdan sonra dəyişiklik mümkün deyil.',
      ru: 'Да, до закрытия записи можно отменить запись и записаться на другую смену. После закрытия записи изменения невозможны.',
      en: 'Yes: until booking closes you may cancel and book another shift. Once booking has closed it cannot be changed.',
    },
  },
  {
    topic: 'results' as const,
    question: {
      az: 'Nəticəmə nə vaxt apellyasiya verə bilərəm?',
      ru: 'Когда можно подать апелляцию на результат?',
      en: 'When can I appeal against my result?',
    },
    answer: {
      az: 'Apellyasiya komissiyası imtahandan sonra üç gün işləyir. Bu müddətdə öz işinizə baxıb hər sual üzrə əsaslandırılmış apellyasiya verə bilərsiniz.',
      ru: 'Апелляционная комиссия работает три дня после экзамена. В это время можно посмотреть свою работу и подать обоснованную апелляцию по любому заданию.',
      en: 'The appeal commission sits for three days after the exam. In that time you may review your paper and appeal against any item, with your reasons.',
    },
  },
  {
    topic: 'technical' as const,
    question: {
      az: 'İmtahan zamanı internet kəsilsə nə olur?',
      ru: 'Что будет, если во время экзамена пропадёт интернет?',
      en: 'What happens if my connection drops during the exam?',
    },
    answer: {
      az: 'Cavablarınız brauzerdə saxlanılır və bağlantı bərpa olunan kimi göndərilir. Vaxtınız serverdə hesablanır; səhifəni yeniləyib davam edə bilərsiniz.',
      ru: 'Ответы сохраняются в браузере и отправляются, как только связь восстановится. Время считает сервер; можно обновить страницу и продолжить.',
      en: 'Your answers are kept in the browser and sent as soon as the connection is back. The server keeps the time; reload the page and carry on.',
    },
  },
];

/**
 * The demo's consultations (issue 17): answered and open questions from the demo applicants and from
 * visitors without an account, a reply, ratings and published FAQ entries, so the public figures, the
 * queue and the FAQ are not empty. Written through the consultations service, as real use is.
 */
export async function seedDemoConsultations(deps: {
  clock: Clock;
  history: History;
  consultations: ConsultationsService;
  examiners: Actor[];
  admin: Actor;
  applicants: { aysel: string; timur: string };
}) {
  const { clock, history, consultations } = deps;
  const [gunel, elchin] = deps.examiners as [Actor & { id: string }, Actor & { id: string }];
  const admin = deps.admin as Actor & { id: string };
  const aysel = { id: deps.applicants.aysel, ip: null };
  const timur = { id: deps.applicants.timur, ip: null };
  const later = (hours: number) => history.advanceTo(clock().getTime() + hours * HOUR);
  const applicant = (who: { id: string; ip: null }) => ({ ...who, role: 'applicant' as const });
  const visitor = { id: null, ip: null, role: null };

  const shift = await consultations.ask(applicant(aysel), {
    topic: 'booking',
    language: 'az',
    subject: 'Növbənin dəyişdirilməsi',
    question: 'Səhər növbəsinə yazılmışam. Günorta növbəsinə keçə bilərəmmi?',
  });
  const appeal = await consultations.ask(applicant(timur), {
    topic: 'results',
    language: 'ru',
    subject: 'Срок апелляции',
    question: 'Сколько дней после экзамена можно подать апелляцию и где это сделать?',
  });
  await consultations.ask(visitor, {
    topic: 'technical',
    language: 'en',
    subject: 'Browser for the exam',
    question: 'Which browsers can I use for an online exam, and does it work on a phone?',
    email: 'visitor@example.org',
  });
  later(5);
  await consultations.take(gunel, shift.id);
  await consultations.answer(gunel, shift.id, {
    body: 'Bəli. Yazılış bağlanana qədər "Yazılışlarım" səhifəsində səhər növbəsini ləğv edib günorta növbəsinə yazıla bilərsiniz.',
  });
  await consultations.rate(aysel, { subjectType: 'consultation', subjectId: shift.id, score: 5 });
  later(20);
  await consultations.answer(elchin, appeal.id, {
    body: 'Апелляцию можно подать в течение трёх дней после экзамена, на странице «Апелляции» в вашем кабинете.',
  });
  await consultations.reply(timur, appeal.id, { body: 'А можно ли подать апелляцию сразу по нескольким заданиям?' });
  await consultations.rate(timur, {
    subjectType: 'consultation',
    subjectId: appeal.id,
    score: 3,
    comment: 'Ответ пришёл быстро, но хотелось бы подробнее.',
  });
  later(25);
  await consultations.answer(elchin, appeal.id, {
    body: 'Да, по каждому заданию подаётся отдельная апелляция; их может быть несколько.',
  });
  const certificate = await consultations.ask(visitor, {
    topic: 'certificates',
    language: 'az',
    subject: 'Sertifikatın müddəti',
    question: 'Test imtahanından keçdikdən sonra sertifikat neçə il qüvvədə olur?',
    email: 'qonaq@example.org',
  });
  later(8);
  await consultations.answer(admin, certificate.id, {
    body: 'Sertifikat beş il qüvvədədir və öz alt qrupu ilə ondan aşağı alt qruplar üçün etibarlıdır.',
  });
  const vacancy = await consultations.ask(applicant(aysel), {
    topic: 'vacancies',
    language: 'az',
    subject: 'Müraciətlərin sayı',
    question: 'Eyni vaxtda neçə vakansiyaya müraciət edə bilərəm?',
  });
  await consultations.take(elchin, vacancy.id);
  for (const entry of FAQ) await consultations.publishFaq(gunel, entry);
}
