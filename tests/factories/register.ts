import { randomUUID } from 'node:crypto';
import { transaction } from '../../db/transaction';
import type { LogEvent } from '../../server/modules/log/log.service';
import type {
  RegisterAppointmentRow,
  RegisterVacancyRow,
  RegisterVacancyStatus,
} from '../../server/modules/register/register.types';
import type { TestApp } from '../helpers/app';

/**
 * Register rows published as the competitions module publishes them: the fact appended to the log,
 * then recorded in the register with its receipt, in one transaction.
 */

export const AGENCIES = [
  {
    code: 'ETN',
    name: {
      az: 'Elm və Təhsil Nazirliyi',
      ru: 'Министерство науки и образования',
      en: 'Ministry of Science and Education',
    },
  },
  { code: 'SN', name: { az: 'Səhiyyə Nazirliyi', ru: 'Министерство здравоохранения', en: 'Ministry of Health' } },
  {
    code: 'DGK',
    name: { az: 'Dövlət Gömrük Komitəsi', ru: 'Государственный таможенный комитет', en: 'State Customs Committee' },
  },
] as const;

export const NAMES = [
  'Əliyev Nərmin',
  'Aliyev Rəşad',
  'Алиев Тимур',
  'Əliyeva Aysel',
  'ALİYEV Orxan',
  'Məmmədov Elçin',
  'Мамедов Руслан',
  'Quliyev Cavid',
  'Кулиев Джавид',
  'Həsənova Günel',
  'Гасанова Лейла',
  'Xəlilov Şahin',
  'Khalilov Murad',
  'Cəfərov Tural',
  'Hüseynov Fərid',
  'Babayeva Səbinə',
  'Rzayev Kamran',
  'Nəsirli Ülviyyə',
];

export interface AppointmentSpec {
  fullName: string;
  agency?: number;
  categoryCode?: string;
  appointedAt: Date;
  finalScore?: number;
}

/** Appoints each spec'd person, one `appointment.made` log entry each, all in one transaction. */
export async function recordAppointments(t: TestApp, specs: AppointmentSpec[]): Promise<RegisterAppointmentRow[]> {
  const rows = specs.map((s, i): Omit<RegisterAppointmentRow, 'logIndex' | 'leafHash'> => {
    const agency = AGENCIES[(s.agency ?? i) % AGENCIES.length]!;
    const testScore = 40 + (i % 11);
    const interviewScore = 50 + ((i * 7) % 23);
    return {
      appointmentId: randomUUID(),
      vacancyId: randomUUID(),
      vacancyCode: `2026-R1-${String(i + 1).padStart(3, '0')}`,
      roundCode: '2026-R1',
      fullName: s.fullName,
      position: { az: `Baş məsləhətçi ${i + 1}`, ru: `Главный консультант ${i + 1}`, en: `Chief adviser ${i + 1}` },
      agencyCode: agency.code,
      agencyName: agency.name,
      categoryCode: s.categoryCode ?? (i % 2 ? 'AB' : 'BB'),
      appointedAt: s.appointedAt,
      testScore,
      interviewScore,
      finalScore: s.finalScore ?? Math.round((0.6 * testScore + 0.4 * interviewScore) * 100) / 100,
      rank: 1,
    };
  });
  return transaction(t.database.db, async () => {
    const events: LogEvent[] = rows.map((r) => ({
      type: 'appointment.made',
      appointmentId: r.appointmentId,
      vacancyCode: r.vacancyCode,
      fullName: r.fullName,
      agencyCode: r.agencyCode,
      categoryCode: r.categoryCode,
      appointedAt: r.appointedAt.toISOString(),
      testScore: r.testScore,
      interviewScore: r.interviewScore,
      finalScore: r.finalScore,
      rank: r.rank,
    }));
    const receipts = await t.services.log.append(events);
    const recorded: RegisterAppointmentRow[] = [];
    for (const [i, row] of rows.entries()) {
      const full = { ...row, logIndex: receipts[i]!.logIndex, leafHash: receipts[i]!.leafHash };
      await t.services.register.recordAppointment(full);
      recorded.push(full);
    }
    return recorded;
  });
}

export interface VacancySpec {
  agency?: number;
  categoryCode?: string;
  announcedAt: Date;
  position?: { az: string; ru: string; en: string };
}

/** Announces vacancies, one `vacancy.announced` entry each, in one transaction. */
export async function recordVacancies(t: TestApp, specs: VacancySpec[]): Promise<RegisterVacancyRow[]> {
  const roundId = randomUUID();
  return transaction(t.database.db, async () => {
    const rows = specs.map((s, i): Omit<RegisterVacancyRow, 'logIndex' | 'leafHash'> => {
      const agency = AGENCIES[(s.agency ?? i) % AGENCIES.length]!;
      return {
        vacancyId: randomUUID(),
        vacancyCode: `2026-R2-${String(i + 1).padStart(3, '0')}`,
        roundId,
        roundCode: '2026-R2',
        roundTitle: { az: '2026, ikinci tur', ru: '2026, второй тур', en: '2026, second round' },
        agencyCode: agency.code,
        agencyName: agency.name,
        position: s.position ?? {
          az: `Aparıcı məsləhətçi ${i}`,
          ru: `Ведущий консультант ${i}`,
          en: `Leading adviser ${i}`,
        },
        categoryCode: s.categoryCode ?? (i % 2 ? 'AB' : 'BB'),
        places: 1 + (i % 3),
        location: i % 2 ? 'Bakı' : 'Gəncə',
        requirements: { az: 'Ali təhsil', ru: 'Высшее образование', en: 'A degree' },
        interviewProgramme: { az: 'Qanunvericilik', ru: 'Законодательство', en: 'Legislation' },
        announcedAt: s.announcedAt,
        applicationDeadline: new Date(s.announcedAt.getTime() + 14 * 86_400_000),
        status: 'announced',
        timeline: [{ event: 'announced', at: s.announcedAt }],
      };
    });
    const receipts = await t.services.log.append(
      rows.map((r) => ({
        type: 'vacancy.announced',
        vacancyCode: r.vacancyCode,
        agencyCode: r.agencyCode,
        categoryCode: r.categoryCode,
        places: r.places,
        announcedAt: r.announcedAt.toISOString(),
        applicationDeadline: r.applicationDeadline.toISOString(),
      })),
    );
    const recorded: RegisterVacancyRow[] = [];
    for (const [i, row] of rows.entries()) {
      const full = {
        ...row,
        logIndex: receipts[i]!.logIndex,
        leafHash: receipts[i]!.leafHash,
        timeline: [{ ...row.timeline[0]!, logIndex: receipts[i]!.logIndex, leafHash: receipts[i]!.leafHash }],
      };
      await t.services.register.recordVacancy(full);
      recorded.push(full);
    }
    return recorded;
  });
}

/** A vacancy's later step: logged, then the whole row recorded again with the step on its timeline. */
export async function advanceVacancy(
  t: TestApp,
  vacancy: RegisterVacancyRow,
  status: RegisterVacancyStatus,
  at: Date,
  extra: Partial<RegisterVacancyRow> = {},
): Promise<RegisterVacancyRow> {
  return transaction(t.database.db, async () => {
    const [receipt] = await t.services.log.append([
      { type: `vacancy.${status}`, vacancyCode: vacancy.vacancyCode, at: at.toISOString() },
    ]);
    const row: RegisterVacancyRow = {
      ...vacancy,
      ...extra,
      status,
      timeline: [...vacancy.timeline, { event: status, at, logIndex: receipt!.logIndex, leafHash: receipt!.leafHash }],
    };
    await t.services.register.recordVacancy(row);
    return row;
  });
}
