import type { NoticeLocalised } from '../../../../db/schema/index';
import { bakuTime, defineNoticeKind, inLanguage } from './define';

/** `position`: the vacancy's post, in each language the centre gave it. */
type ApplicationParams = { applicationId: string; vacancyCode: string; position: NoticeLocalised };
type SlotParams = ApplicationParams & { startsAt: string; place: string };

const application = (p: ApplicationParams) => `/applications/${p.applicationId}`;

export const applicationAccepted = defineNoticeKind<ApplicationParams>({
  link: application,
  render: {
    az: (p) => ({
      title: `Müraciətiniz qəbul edildi: ${p.vacancyCode}`,
      text: `"${inLanguage(p.position, 'az')}" (${p.vacancyCode}) vakansiyasına müraciətiniz qəbul edildi. Müsahibənin vaxtı təyin olunanda sizə bildiriləcək.`,
    }),
    ru: (p) => ({
      title: `Ваша заявка принята: ${p.vacancyCode}`,
      text: `Ваша заявка на вакансию «${inLanguage(p.position, 'ru')}» (${p.vacancyCode}) принята. Мы сообщим, когда будет назначено собеседование.`,
    }),
    en: (p) => ({
      title: `Your application is accepted: ${p.vacancyCode}`,
      text: `Your application for the vacancy "${inLanguage(p.position, 'en')}" (${p.vacancyCode}) has been accepted. You will be told when your interview is scheduled.`,
    }),
  },
});

export const applicationRefused = defineNoticeKind<ApplicationParams>({
  link: application,
  render: {
    az: (p) => ({
      title: `Müraciətiniz uğurlu olmadı: ${p.vacancyCode}`,
      text: `"${inLanguage(p.position, 'az')}" (${p.vacancyCode}) vakansiyası üzrə müsabiqə başa çatdı və bu dəfə sizin namizədliyiniz seçilmədi. Nəticələri və sıralamanı müraciət səhifəsində görə bilərsiniz.`,
    }),
    ru: (p) => ({
      title: `Ваша заявка не прошла: ${p.vacancyCode}`,
      text: `Конкурс на вакансию «${inLanguage(p.position, 'ru')}» (${p.vacancyCode}) завершён, и на этот раз выбрана не ваша кандидатура. Итоги и рейтинг — на странице заявки.`,
    }),
    en: (p) => ({
      title: `Your application was not successful: ${p.vacancyCode}`,
      text: `The competition for the vacancy "${inLanguage(p.position, 'en')}" (${p.vacancyCode}) has ended, and you were not chosen this time. The outcome and the ranking are on your application's page.`,
    }),
  },
});

export const interviewScheduled = defineNoticeKind<SlotParams>({
  link: application,
  render: {
    az: (p) => ({
      title: `Müsahibəniz təyin edildi: ${p.vacancyCode}`,
      text: `"${inLanguage(p.position, 'az')}" (${p.vacancyCode}) vakansiyası üzrə müsahibəniz: ${bakuTime(p.startsAt, 'az')} (Bakı vaxtı), ${p.place}.`,
    }),
    ru: (p) => ({
      title: `Вам назначено собеседование: ${p.vacancyCode}`,
      text: `Собеседование по вакансии «${inLanguage(p.position, 'ru')}» (${p.vacancyCode}): ${bakuTime(p.startsAt, 'ru')} (время Баку), ${p.place}.`,
    }),
    en: (p) => ({
      title: `Your interview is scheduled: ${p.vacancyCode}`,
      text: `Your interview for the vacancy "${inLanguage(p.position, 'en')}" (${p.vacancyCode}): ${bakuTime(p.startsAt, 'en')} (Baku time), ${p.place}.`,
    }),
  },
});

export const appointed = defineNoticeKind<ApplicationParams>({
  link: application,
  render: {
    az: (p) => ({
      title: `Siz vəzifəyə təyin edildiniz: ${p.vacancyCode}`,
      text: `Təbrik edirik! Siz "${inLanguage(p.position, 'az')}" (${p.vacancyCode}) vakansiyasına təyin edildiniz. Təyinat dövlət reyestrində dərc olunub.`,
    }),
    ru: (p) => ({
      title: `Вы назначены на должность: ${p.vacancyCode}`,
      text: `Поздравляем! Вы назначены на вакансию «${inLanguage(p.position, 'ru')}» (${p.vacancyCode}). Назначение опубликовано в открытом реестре.`,
    }),
    en: (p) => ({
      title: `You have been appointed: ${p.vacancyCode}`,
      text: `Congratulations! You have been appointed to the vacancy "${inLanguage(p.position, 'en')}" (${p.vacancyCode}). The appointment is published in the public register.`,
    }),
  },
});
