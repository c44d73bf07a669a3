/** The sign-in pages: how to get a link, the confirm button a link opens, and a link that no longer works. */
import type { Text } from '../text.js';

export function LoginIntro({ t }: { t: Text }) {
  return (
    <div class="card login">
      <p>{t('login.intro')}</p>
      <p>{t('login.how')}</p>
    </div>
  );
}

export function LinkExpired({ t }: { t: Text }) {
  return (
    <div class="card login">
      <p>{t('login.expired')}</p>
      <p>{t('login.how')}</p>
    </div>
  );
}

/** Opening a link shows this form; only posting it signs in. `email` null: the first admin's link. */
export function ConfirmSignIn({ t, action, formToken, email }: { t: Text; action: string; formToken: string; email: string | null }) {
  return (
    <form class="card login" method="post" action={action}>
      <input type="hidden" name="_csrf" value={formToken} />
      {email !== null ? (
        <p>{t('login.confirm', { email })}</p>
      ) : (
        <>
          <p>{t('login.first_admin')}</p>
          <p class="field">
            <label for="email">{t('login.email')}</label>
            <input id="email" name="email" type="email" required autocomplete="email" />
          </p>
        </>
      )}
      <p>
        <button type="submit">{t('login.button')}</button>
      </p>
    </form>
  );
}
