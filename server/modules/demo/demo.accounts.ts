import type { Role } from '../../../db/schema/index';

export interface DemoAccount {
  role: Role;
  fullName: string;
  email: string;
  password: string;
  nationalIdScheme?: string;
  nationalId?: string;
}

/**
 * The demo's accounts. Their passwords are public on purpose: the demo is for trying the system,
 * and it says so on every page. A real installation never seeds these.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: 'administrator', fullName: 'Rəşad Məmmədov', email: 'admin@demo.imtahan.az', password: 'demo-admin-2026' },
  { role: 'examiner', fullName: 'Günel Həsənova', email: 'examiner@demo.imtahan.az', password: 'demo-examiner-2026' },
  { role: 'examiner', fullName: 'Elçin Quliyev', email: 'examiner2@demo.imtahan.az', password: 'demo-examiner-2026' },
  {
    role: 'invigilator',
    fullName: 'Səbinə Rzayeva',
    email: 'invigilator@demo.imtahan.az',
    password: 'demo-invigilator-2026',
  },
  {
    role: 'applicant',
    fullName: 'Aysel Əliyeva',
    email: 'aysel@demo.imtahan.az',
    password: 'demo-applicant-2026',
    nationalIdScheme: 'AZ_FIN',
    nationalId: '5ZK7A2B',
  },
  {
    role: 'applicant',
    fullName: 'Тимур Ахметов',
    email: 'timur@demo.imtahan.az',
    password: 'demo-applicant-2026',
    nationalIdScheme: 'KZ_IIN',
    nationalId: '870412300017',
  },
];
