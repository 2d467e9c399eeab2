/**
 * The pass list's words in each language. The PDF is made on the server, which cannot use the web's i18n
 * messages, so it keeps its own small table (as the admission ticket and the room documents do).
 */
export type PassListLanguage = 'az' | 'ru' | 'en';

export interface PassListText {
  title: string;
  sitting: string;
  category: string;
  date: string;
  published: string;
  revision: string;
  passed: string;
  of: string;
  number: string;
  candidateCode: string;
  fullName: string;
  nationalId: string;
  points: string;
  none: string;
  note: string;
  page: string;
}

export const PASS_LIST_TEXT: Record<PassListLanguage, PassListText> = {
  az: {
    title: 'Testdən keçənlərin siyahısı',
    sitting: 'İmtahan növbəsi',
    category: 'Kateqoriya',
    date: 'Tarix',
    published: 'Dərc edilib',
    revision: 'Redaksiya',
    passed: 'Keçənlər',
    of: 'iştirak edənlərdən',
    number: '№',
    candidateCode: 'Namizəd kodu',
    fullName: 'Soyadı, adı',
    nationalId: 'Şəxsiyyət vəsiqəsi',
    points: 'Bal',
    none: 'Bu növbədə testdən keçən yoxdur.',
    note: 'Nəticələr ictimai jurnalda dərc olunanlarla eynidir; namizədləri ictimaiyyət yalnız kodla görür.',
    page: 'Səhifə',
  },
  ru: {
    title: 'Список прошедших тест',
    sitting: 'Сеанс экзамена',
    category: 'Категория',
    date: 'Дата',
    published: 'Опубликовано',
    revision: 'Редакция',
    passed: 'Прошли',
    of: 'из сдававших',
    number: '№',
    candidateCode: 'Код кандидата',
    fullName: 'Фамилия, имя',
    nationalId: 'Удостоверение личности',
    points: 'Баллы',
    none: 'В этом сеансе тест никто не прошёл.',
    note: 'Результаты совпадают с опубликованными в открытом журнале; публично кандидаты видны только по коду.',
    page: 'Страница',
  },
  en: {
    title: 'Pass list',
    sitting: 'Sitting',
    category: 'Category',
    date: 'Date',
    published: 'Published',
    revision: 'Revision',
    passed: 'Passed',
    of: 'of those who sat',
    number: 'No.',
    candidateCode: 'Candidate code',
    fullName: 'Full name',
    nationalId: 'National ID',
    points: 'Points',
    none: 'Nobody passed in this sitting.',
    note: 'The results are those published in the public log; the public sees candidates by their code only.',
    page: 'Page',
  },
};
