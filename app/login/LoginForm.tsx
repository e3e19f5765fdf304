'use client';

import { type FormEvent, useEffect, useState } from 'react';
import { type Locale, type MessageKey, translator } from '@/lib/i18n';

export interface LoginFormProps {
  locale: Locale;
  next: string | null;
  demo: { accounts: { username: string; displayName: string }[]; password: string } | null;
}

export function LoginForm({ locale, next, demo }: LoginFormProps) {
  const t = translator(locale);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  // Until the script runs, the browser would submit the form itself; the button waits for the script.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (response.ok) {
        const body = (await response.json()) as { start: string };
        window.location.assign(next ?? body.start);
        return;
      }
      setError(response.status === 401 ? 'auth.wrong' : response.status === 429 ? 'auth.tooMany' : 'auth.failed');
    } catch {
      setError('auth.failed');
    }
    setBusy(false);
  };

  return (
    <main className="login-page">
      {/* POST, so a submission that slips past the script never puts the password in the URL. */}
      <form className="login-card" method="post" onSubmit={submit} data-testid="login-form">
        <div className="brand">
          <span className="brand-mark login-mark" aria-hidden>
            消
          </span>
          <div>
            <h1>{t('app.title')}</h1>
            <div className="subtitle">{t('app.subtitle')}</div>
          </div>
        </div>
        <h2>{t('auth.title')}</h2>
        <label className="field">
          {t('auth.username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            data-testid="login-username"
          />
        </label>
        <label className="field">
          {t('auth.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            data-testid="login-password"
          />
        </label>
        <button type="submit" className="primary" disabled={busy || !ready} data-testid="login-submit">
          {t(busy ? 'auth.signingIn' : 'auth.submit')}
        </button>
        {error && (
          <p className="error-text" role="alert" data-testid="login-error">
            {t(error)}
          </p>
        )}
        {demo && (
          <section className="demo-accounts" data-testid="demo-accounts">
            <h3>{t('auth.demoAccounts')}</h3>
            <p>
              {t('auth.demoPassword')}: <code>{demo.password}</code>
            </p>
            <ul>
              {demo.accounts.map((account) => (
                <li key={account.username}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setUsername(account.username);
                      setPassword(demo.password);
                    }}
                  >
                    {t('auth.useAccount')} <code>{account.username}</code>
                  </button>{' '}
                  {account.displayName}
                </li>
              ))}
            </ul>
          </section>
        )}
      </form>
    </main>
  );
}
