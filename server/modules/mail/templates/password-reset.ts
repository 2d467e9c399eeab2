import { defineTemplate } from '../template';

export interface PasswordResetValues {
  fullName: string;
  link: string;
  /** How long the link works. */
  minutes: number;
}

export const passwordReset = defineTemplate<PasswordResetValues>({
  secret: true,
  render: {
    az: (v) => ({
      subject: 'Şifrənin bərpası',
      text: `Hörmətli ${v.fullName},

Hesabınızın şifrəsini yeniləmək üçün bu keçidi açın (${v.minutes} dəqiqə ərzində, yalnız bir dəfə işləyir):

${v.link}

Bu sorğunu siz göndərməmisinizsə, bu məktubu nəzərə almayın: şifrəniz dəyişməyəcək.`,
    }),
    ru: (v) => ({
      subject: 'Восстановление пароля',
      text: `Уважаемый(ая) ${v.fullName},

Чтобы задать новый пароль, откройте эту ссылку (она действует ${v.minutes} минут и только один раз):

${v.link}

Если вы не запрашивали восстановление, просто не обращайте внимания на это письмо: пароль не изменится.`,
    }),
    en: (v) => ({
      subject: 'Resetting your password',
      text: `Dear ${v.fullName},

To set a new password for your account, open this link (it works for ${v.minutes} minutes, and only once):

${v.link}

If you did not ask for this, ignore this mail: your password stays as it is.`,
    }),
  },
});
