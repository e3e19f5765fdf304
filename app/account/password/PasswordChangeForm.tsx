'use client';

import { type FormEvent, useState } from 'react';
import { MIN_PASSWORD_LENGTH } from '@/lib/auth/password-rules';
import type { MessageKey } from '@/lib/i18n';
import { useT } from '../../_components/i18n-context';

/** The user's new password, typed twice; after an administrator's reset it replaces the temporary one. */
export function PasswordChangeForm({ required }: { required: boolean }) {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next !== repeat) {
      setProblem('password.mismatch');
      return;
    }
    setBusy(true);
    setProblem(null);
    const response = await fetch('/api/auth/password', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ current_password: current, new_password: next }),
    }).catch(() => null);
    const body = response ? ((await response.json().catch(() => ({}))) as { start?: string; field?: string }) : {};
    if (response?.ok && body.start) {
      window.location.assign(body.start);
      return;
    }
    setBusy(false);
    setProblem(
      body.field === 'current_password'
        ? 'password.wrongCurrent'
        : body.field === 'new_password'
          ? 'password.sameAsTemporary'
          : 'password.failed',
    );
  };

  return (
    <main className="page-body" data-testid="password-page">
      <div className="narrow-page">
        <h2 className="page-title">{t('password.title')}</h2>
        {required && (
          <p className="notice" role="status" data-testid="password-required">
            {t('password.required')}
          </p>
        )}
        <form className="stacked-form" onSubmit={submit} data-testid="password-form">
          <label className="field">
            {t(required ? 'password.temporary' : 'password.current')}
            <input
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
              required
              data-testid="password-current"
            />
          </label>
          <label className="field">
            {t('password.new')}
            <input
              type="password"
              autoComplete="new-password"
              value={next}
              onChange={(e) => setNext(e.target.value)}
              required
              minLength={MIN_PASSWORD_LENGTH}
              data-testid="password-new"
            />
          </label>
          <label className="field">
            {t('password.repeat')}
            <input
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
              required
              minLength={MIN_PASSWORD_LENGTH}
              data-testid="password-repeat"
            />
          </label>
          {problem && (
            <p className="error-text" role="alert" data-testid="password-problem">
              {t(problem)}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy} data-testid="password-submit">
            {t('password.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}
