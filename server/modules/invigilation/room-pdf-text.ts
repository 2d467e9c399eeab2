import type { RoomDocumentKind } from './invigilation.service';

/**
 * The room documents' words in each language. The PDFs are made on the server, which cannot use the
 * web's i18n messages, so they keep their own small table (as the admission ticket does).
 */
export type RoomDocumentLanguage = 'az' | 'ru' | 'en';

export interface RoomDocumentText {
  titles: Record<RoomDocumentKind, string>;
  sitting: string;
  room: string;
  date: string;
  start: string;
  capacity: string;
  booked: string;
  seat: string;
  candidateCode: string;
  fullName: string;
  nationalId: string;
  signature: string;
  present: string;
  notes: string;
  emptySeat: string;
  /** Under the attendance sheet: who signs it. */
  invigilatorSignature: string;
  /** Under the roster: what it is for. */
  rosterNote: string;
  timeZone: string;
}

export const ROOM_DOCUMENT_TEXT: Record<RoomDocumentLanguage, RoomDocumentText> = {
  az: {
    titles: { roster: 'Otağın siyahısı', attendance: 'Davamiyyət vərəqəsi', 'seat-plan': 'Oturacaq planı' },
    sitting: 'İmtahan növbəsi',
    room: 'Otaq',
    date: 'Tarix',
    start: 'Başlama vaxtı',
    capacity: 'Yer sayı',
    booked: 'Namizəd sayı',
    seat: 'Yer',
    candidateCode: 'Namizədin kodu',
    fullName: 'Soyadı, adı',
    nationalId: 'Şəxsiyyət vəsiqəsinin FİN-i',
    signature: 'İmza',
    present: 'Gəldi',
    notes: 'Qeyd',
    emptySeat: 'boş',
    invigilatorSignature: 'Nəzarətçinin adı və imzası',
    rosterNote:
      'Girişdə şəxsiyyəti yoxlamaq üçün: namizədin vəsiqəsindəki ad və FİN bu siyahı ilə üst-üstə düşməlidir.',
    timeZone: 'Bütün vaxtlar Bakı vaxtı ilədir (UTC+4).',
  },
  ru: {
    titles: { roster: 'Список аудитории', attendance: 'Лист явки', 'seat-plan': 'План рассадки' },
    sitting: 'Смена экзамена',
    room: 'Аудитория',
    date: 'Дата',
    start: 'Начало',
    capacity: 'Мест',
    booked: 'Кандидатов',
    seat: 'Место',
    candidateCode: 'Код кандидата',
    fullName: 'Фамилия, имя',
    nationalId: 'ФИН удостоверения личности',
    signature: 'Подпись',
    present: 'Явился',
    notes: 'Примечание',
    emptySeat: 'свободно',
    invigilatorSignature: 'Имя и подпись наблюдателя',
    rosterNote: 'Для проверки личности при входе: имя и ФИН в удостоверении должны совпадать с этим списком.',
    timeZone: 'Всё время указано по Баку (UTC+4).',
  },
  en: {
    titles: { roster: 'Room roster', attendance: 'Attendance sheet', 'seat-plan': 'Seat plan' },
    sitting: 'Sitting',
    room: 'Room',
    date: 'Date',
    start: 'Start',
    capacity: 'Seats',
    booked: 'Candidates',
    seat: 'Seat',
    candidateCode: 'Candidate code',
    fullName: 'Full name',
    nationalId: 'National ID (FIN)',
    signature: 'Signature',
    present: 'Present',
    notes: 'Notes',
    emptySeat: 'empty',
    invigilatorSignature: "Invigilator's name and signature",
    rosterNote: "For identity checks at the door: the name and FIN on the candidate's ID card must match this list.",
    timeZone: 'All times are Baku time (UTC+4).',
  },
};
