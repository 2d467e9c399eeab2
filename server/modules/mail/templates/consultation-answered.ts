import type { Role } from '../../../../db/schema/index';
import type { Language } from '../language';
import { defineTemplate } from '../template';

export interface ConsultationAnsweredValues {
  /** The asker's own subject line and the official's answer, as written. */
  subject: string;
  answer: string;
  officialName: string;
  officialRole: Role;
  /** The public consultations page: the FAQ and the form to ask again. */
  link: string;
}

const ROLE: Record<Language, Record<Role, string>> = {
  az: { applicant: 'namizəd', examiner: 'ekspert', administrator: 'inzibatçı', invigilator: 'nəzarətçi' },
  ru: { applicant: 'кандидат', examiner: 'эксперт', administrator: 'администратор', invigilator: 'наблюдатель' },
  en: { applicant: 'applicant', examiner: 'examiner', administrator: 'administrator', invigilator: 'invigilator' },
};

/**
 * The answer to a question a visitor asked without an account (issue 17): the answer itself, signed with the
 * official's name and role, in the language the question was asked in. A signed-in asker is told in their
 * inbox instead and reads the answer in their account.
 */
export const consultationAnswered = defineTemplate<ConsultationAnsweredValues>({
  render: {
    az: (v) => ({
      subject: `Sualınıza cavab: ${v.subject}`,
      text: `Hörmətli müraciət edən,

Dövlət İmtahan Mərkəzinə verdiyiniz suala cavab:

${v.answer}

Hörmətlə,
${v.officialName}, ${ROLE.az[v.officialRole]}

Tez-tez verilən suallar və yeni sual: ${v.link}`,
    }),
    ru: (v) => ({
      subject: `Ответ на ваш вопрос: ${v.subject}`,
      text: `Здравствуйте,

ответ на ваш вопрос в Государственный экзаменационный центр:

${v.answer}

С уважением,
${v.officialName}, ${ROLE.ru[v.officialRole]}

Частые вопросы и новый вопрос: ${v.link}`,
    }),
    en: (v) => ({
      subject: `An answer to your question: ${v.subject}`,
      text: `Hello,

here is the answer to the question you asked the State Examination Centre:

${v.answer}

Kind regards,
${v.officialName}, ${ROLE.en[v.officialRole]}

Frequently asked questions, and asking again: ${v.link}`,
    }),
  },
});
