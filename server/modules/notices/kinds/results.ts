import { bakuTime, defineNoticeKind, points } from './define';

type ResultParams = {
  bookingId: string;
  sittingCode: string;
  points: number;
  maxPoints: number;
  passed: boolean;
};

type RescoredParams = ResultParams & { previousPoints: number; previousPassed: boolean };

type AppealParams = { upheld: boolean };

type CertificateParams = { certificateCode: string; categoryCode: string; validUntil: string };

const booking = (p: { bookingId: string }) => `/bookings/${p.bookingId}`;

export const resultPublished = defineNoticeKind<ResultParams>({
  link: booking,
  render: {
    az: (p) => ({
      title: `Nəticəniz dərc edildi: ${p.sittingCode}`,
      text: `${p.sittingCode} imtahanında nəticəniz: ${points(p.points, 'az')} / ${points(p.maxPoints, 'az')} bal, ${p.passed ? 'keçdiniz' : 'keçid balını toplamadınız'}. Apellyasiya müddətində işinizə baxa və apellyasiya verə bilərsiniz.`,
    }),
    ru: (p) => ({
      title: `Ваш результат опубликован: ${p.sittingCode}`,
      text: `Ваш результат на экзамене ${p.sittingCode}: ${points(p.points, 'ru')} из ${points(p.maxPoints, 'ru')} баллов, ${p.passed ? 'экзамен сдан' : 'проходной балл не набран'}. В срок апелляции вы можете просмотреть свою работу и подать апелляцию.`,
    }),
    en: (p) => ({
      title: `Your result is published: ${p.sittingCode}`,
      text: `Your result in sitting ${p.sittingCode}: ${points(p.points, 'en')} of ${points(p.maxPoints, 'en')} points, ${p.passed ? 'a pass' : 'below the pass mark'}. During the appeal window you may review your paper and appeal.`,
    }),
  },
});

export const resultRescored = defineNoticeKind<RescoredParams>({
  link: booking,
  render: {
    az: (p) => ({
      title: `Nəticəniz yenidən hesablandı: ${p.sittingCode}`,
      text: `${p.sittingCode} imtahanında nəticəniz dəyişdi: ${points(p.previousPoints, 'az')} baldan ${points(p.points, 'az')} / ${points(p.maxPoints, 'az')} bala. ${p.passed ? 'Keçdiniz.' : 'Keçid balını toplamadınız.'}`,
    }),
    ru: (p) => ({
      title: `Ваш результат пересчитан: ${p.sittingCode}`,
      text: `Ваш результат на экзамене ${p.sittingCode} изменился: было ${points(p.previousPoints, 'ru')}, стало ${points(p.points, 'ru')} из ${points(p.maxPoints, 'ru')} баллов. ${p.passed ? 'Экзамен сдан.' : 'Проходной балл не набран.'}`,
    }),
    en: (p) => ({
      title: `Your result was re-scored: ${p.sittingCode}`,
      text: `Your result in sitting ${p.sittingCode} changed from ${points(p.previousPoints, 'en')} to ${points(p.points, 'en')} of ${points(p.maxPoints, 'en')} points. ${p.passed ? 'It is a pass.' : 'It is below the pass mark.'}`,
    }),
  },
});

export const appealDecided = defineNoticeKind<AppealParams>({
  link: () => '/appeals',
  render: {
    az: (p) => ({
      title: p.upheld ? 'Apellyasiyanız təmin edildi' : 'Apellyasiyanız rədd edildi',
      text: `Apellyasiya komissiyası apellyasiyanıza baxdı və onu ${p.upheld ? 'təmin etdi; nəticələr yenidən hesablanacaq' : 'rədd etdi'}. Qərarı, səbəbini və onu verən şəxsi apellyasiyalar səhifəsində görə bilərsiniz.`,
    }),
    ru: (p) => ({
      title: p.upheld ? 'Ваша апелляция удовлетворена' : 'Ваша апелляция отклонена',
      text: `Апелляционная комиссия рассмотрела вашу апелляцию и ${p.upheld ? 'удовлетворила её; результаты будут пересчитаны' : 'отклонила её'}. Решение, его причина и имя принявшего его сотрудника — на странице апелляций.`,
    }),
    en: (p) => ({
      title: p.upheld ? 'Your appeal was upheld' : 'Your appeal was rejected',
      text: `The appeal commission has decided your appeal: ${p.upheld ? 'it was upheld, and the results will be re-scored' : 'it was rejected'}. The decision, its reason and the official who made it are on your appeals page.`,
    }),
  },
});

export const certificateIssued = defineNoticeKind<CertificateParams>({
  link: () => '/my-certificates',
  render: {
    az: (p) => ({
      title: `Sertifikat verildi: ${p.categoryCode}`,
      text: `${p.categoryCode} kateqoriyası üzrə ${p.certificateCode} nömrəli sertifikatınız verildi; ${bakuTime(p.validUntil, 'az')} tarixinədək etibarlıdır. Onu sertifikatlar səhifəsindən yükləyə bilərsiniz.`,
    }),
    ru: (p) => ({
      title: `Сертификат выдан: ${p.categoryCode}`,
      text: `Вам выдан сертификат ${p.certificateCode} по категории ${p.categoryCode}; он действует до ${bakuTime(p.validUntil, 'ru')}. Его можно скачать на странице сертификатов.`,
    }),
    en: (p) => ({
      title: `Certificate issued: ${p.categoryCode}`,
      text: `Your certificate ${p.certificateCode} for category ${p.categoryCode} has been issued; it is valid until ${bakuTime(p.validUntil, 'en')}. You can download it from your certificates page.`,
    }),
  },
});

export const certificateRevoked = defineNoticeKind<CertificateParams>({
  link: () => '/my-certificates',
  render: {
    az: (p) => ({
      title: `Sertifikat ləğv edildi: ${p.categoryCode}`,
      text: `Nəticənin yenidən hesablanmasından sonra ${p.categoryCode} kateqoriyası üzrə ${p.certificateCode} nömrəli sertifikatınız ləğv edildi. Təfərrüatlar sertifikatlar səhifəsindədir.`,
    }),
    ru: (p) => ({
      title: `Сертификат отозван: ${p.categoryCode}`,
      text: `После пересмотра результата ваш сертификат ${p.certificateCode} по категории ${p.categoryCode} отозван. Подробности — на странице сертификатов.`,
    }),
    en: (p) => ({
      title: `Certificate revoked: ${p.categoryCode}`,
      text: `After your result was revised, your certificate ${p.certificateCode} for category ${p.categoryCode} has been revoked. The details are on your certificates page.`,
    }),
  },
});
