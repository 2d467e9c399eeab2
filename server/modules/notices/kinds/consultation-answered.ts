import { defineNoticeKind } from './define';

/** An answer to a question the applicant asked (issue 17's consultations; the consultations module calls it). */
export const consultationAnswered = defineNoticeKind<{ consultationId: string }>({
  link: (p) => `/consultations/mine/${p.consultationId}`,
  render: {
    az: () => ({
      title: 'Sualınız cavablandırıldı',
      text: 'İmtahan mərkəzinin əməkdaşı sualınıza cavab verdi. Cavabı və onu verən şəxsin adını məsləhətləşmələr səhifəsində oxuya bilərsiniz.',
    }),
    ru: () => ({
      title: 'На ваш вопрос ответили',
      text: 'Сотрудник экзаменационного центра ответил на ваш вопрос. Ответ и имя ответившего — на странице консультаций.',
    }),
    en: () => ({
      title: 'Your question has been answered',
      text: 'An official of the exam centre has answered your question. The answer and the name of the official are on your consultations page.',
    }),
  },
});
