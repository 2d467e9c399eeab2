import { DOCUMENT_TIME_ZONE, documentDate } from '../documents/pdf';

/**
 * The admission ticket's words in each language. The PDF is made on the server, which cannot use
 * the web's i18n messages, so the ticket keeps its own small table; the public check page's words
 * are in web/messages/tickets.
 */
export type TicketLanguage = 'az' | 'ru' | 'en';

export interface TicketText {
  title: string;
  /** Shown under the title: what the document is for. */
  subtitle: string;
  candidateCode: string;
  fullName: string;
  sitting: string;
  category: string;
  mode: string;
  modes: { centre: string; online: string };
  date: string;
  arrival: string;
  start: string;
  entryCloses: string;
  duration: string;
  minutes: (n: number) => string;
  room: string;
  seat: string;
  /** Names the time zone every time on the ticket is in. */
  timeZone: string;
  rulesTitle: string;
  rules: { centre: string[]; online: string[] };
  check: string;
  /** The QR code's alternative text, read out by a screen reader in place of the picture. */
  qrAlt: string;
}

export const TICKET_TEXT: Record<TicketLanguage, TicketText> = {
  az: {
    title: 'İmtahana buraxılış vərəqəsi',
    subtitle: 'Dövlət qulluğuna qəbul üzrə test imtahanı',
    candidateCode: 'Namizədin kodu',
    fullName: 'Soyadı, adı',
    sitting: 'İmtahan növbəsi',
    category: 'Kateqoriya',
    mode: 'Keçirilmə forması',
    modes: { centre: 'İmtahan mərkəzində', online: 'Onlayn' },
    date: 'Tarix',
    arrival: 'Gəlmə vaxtı',
    start: 'Başlama vaxtı',
    entryCloses: 'Girişin son vaxtı',
    duration: 'Müddət',
    minutes: (n) => `${n} dəqiqə`,
    room: 'Otaq',
    seat: 'Yer',
    timeZone: 'Bütün vaxtlar Bakı vaxtı ilədir (UTC+4).',
    rulesTitle: 'Namizədə yaddaş',
    rules: {
      centre: [
        'Şəxsiyyət vəsiqənizi və bu vərəqəni özünüzlə gətirin; onlarsız imtahana buraxılmırsınız.',
        'Göstərilən gəlmə vaxtında gəlin. Girişin son vaxtından sonra imtahana başlamaq olmaz.',
        'Mobil telefon, ağıllı saat, qulaqlıq və digər elektron cihazlar, qeydlər və kitablar qadağandır.',
        'Yalnız vərəqədə göstərilən otaqda və yerdə oturun.',
        'Qaydaları pozan namizədin imtahanı ləğv edilir.',
      ],
      online: [
        'Şəxsiyyət vəsiqənizi yanınızda saxlayın; onu kameraya göstərməyiniz istənə bilər.',
        'İmtahana başlama vaxtından girişin son vaxtına qədər başlaya bilərsiniz.',
        'Sabit internet bağlantısı olan kompüterdən istifadə edin; cavablar avtomatik yadda saxlanılır.',
        'Kənar köməkdən, qeydlərdən və başqa cihazlardan istifadə etmək qadağandır.',
        'Qaydaları pozan namizədin imtahanı ləğv edilir.',
      ],
    },
    check: 'Vərəqənin həqiqiliyini yoxlamaq üçün QR kodu oxudun və ya ünvana daxil olun:',
    qrAlt: 'QR kod: vərəqənin yoxlama səhifəsinin ünvanı, aşağıda yazılıb',
  },
  ru: {
    title: 'Допуск на экзамен',
    subtitle: 'Тестовый экзамен для поступления на государственную службу',
    candidateCode: 'Код кандидата',
    fullName: 'Фамилия, имя',
    sitting: 'Смена экзамена',
    category: 'Категория',
    mode: 'Форма проведения',
    modes: { centre: 'В экзаменационном центре', online: 'Онлайн' },
    date: 'Дата',
    arrival: 'Время прибытия',
    start: 'Начало',
    entryCloses: 'Вход до',
    duration: 'Продолжительность',
    minutes: (n) => `${n} мин.`,
    room: 'Аудитория',
    seat: 'Место',
    timeZone: 'Всё время указано по Баку (UTC+4).',
    rulesTitle: 'Памятка кандидату',
    rules: {
      centre: [
        'Возьмите с собой удостоверение личности и этот допуск; без них на экзамен не допускают.',
        'Приходите к указанному времени прибытия. После времени окончания входа начать экзамен нельзя.',
        'Мобильные телефоны, умные часы, наушники и другие электронные устройства, записи и книги запрещены.',
        'Занимайте только аудиторию и место, указанные в допуске.',
        'Экзамен кандидата, нарушившего правила, аннулируется.',
      ],
      online: [
        'Держите удостоверение личности при себе: вас могут попросить показать его в камеру.',
        'Начать экзамен можно с времени начала до времени окончания входа.',
        'Работайте на компьютере со стабильным интернетом; ответы сохраняются автоматически.',
        'Посторонняя помощь, записи и другие устройства запрещены.',
        'Экзамен кандидата, нарушившего правила, аннулируется.',
      ],
    },
    check: 'Чтобы проверить подлинность допуска, отсканируйте QR-код или откройте адрес:',
    qrAlt: 'QR-код: адрес страницы проверки допуска, он написан ниже',
  },
  en: {
    title: 'Admission ticket',
    subtitle: 'Civil service entrance test',
    candidateCode: 'Candidate code',
    fullName: 'Name',
    sitting: 'Sitting',
    category: 'Category',
    mode: 'Mode',
    modes: { centre: 'At the exam centre', online: 'Online' },
    date: 'Date',
    arrival: 'Arrive by',
    start: 'Starts',
    entryCloses: 'Entry closes',
    duration: 'Duration',
    minutes: (n) => `${n} minutes`,
    room: 'Room',
    seat: 'Seat',
    timeZone: 'All times are Baku time (UTC+4).',
    rulesTitle: 'Rules for candidates',
    rules: {
      centre: [
        'Bring your identity document and this ticket; without them you cannot sit the exam.',
        'Arrive by the arrival time. Nobody may start after entry closes.',
        'Mobile phones, smart watches, earphones and other electronic devices, notes and books are not allowed.',
        'Sit only in the room and seat printed on this ticket.',
        'A candidate who breaks the rules has the exam annulled.',
      ],
      online: [
        'Keep your identity document with you; you may be asked to show it to the camera.',
        'You may start from the start time until entry closes.',
        'Use a computer with a stable internet connection; answers are saved automatically.',
        'Help from others, notes and other devices are not allowed.',
        'A candidate who breaks the rules has the exam annulled.',
      ],
    },
    check: 'To check this ticket, scan the QR code or open:',
    qrAlt: "QR code: the address of the ticket's check page, printed below",
  },
};

/** Every time on a ticket is Baku time, whatever the server's zone. */
export const TICKET_TIME_ZONE = DOCUMENT_TIME_ZONE;

/** `15.12.2026`: day first in all three languages, so no month name depends on ICU data. */
export const ticketDate = documentDate;

/** `09:30`, 24-hour, Baku time; written the same way in all three languages. */
export function ticketTime(at: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: TICKET_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}
