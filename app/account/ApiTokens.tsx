'use client';

import { type FormEvent, useState } from 'react';
import type { ApiTokenRow } from '@/db/queries/api-tokens';
import type { MessageKey } from '@/lib/i18n';
import { chinaDateTime, chinaToday } from '@/lib/time';
import { useT } from '../_components/i18n-context';

interface Created {
  name: string;
  token: string;
}

function statusKey(token: ApiTokenRow, now: number): MessageKey {
  if (token.revoked_at) return 'tokens.revoked';
  return new Date(token.expires_at).getTime() <= now ? 'tokens.expired' : 'tokens.active';
}

/** Instants come as UTC; people read them in China time. */
const day = (instant: string) => chinaToday(new Date(instant));

/** Create, list and revoke the user's API tokens; a new token's secret is shown once, right after it is made. */
export function ApiTokens({ initialTokens, ogcUrl }: { initialTokens: ApiTokenRow[]; ogcUrl: string }) {
  const t = useT();
  const [tokens, setTokens] = useState(initialTokens);
  const [draft, setDraft] = useState({ name: '', days: 90 });
  const [created, setCreated] = useState<Created | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const now = Date.now();

  const reload = async () => {
    const response = await fetch('/api/v1/tokens');
    if (response.ok) setTokens(((await response.json()) as { tokens: ApiTokenRow[] }).tokens);
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const response = await fetch('/api/v1/tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: draft.name, expires_in_days: draft.days }),
    });
    const body = (await response.json()) as { name?: string; token?: string; error?: string };
    if (response.status === 201 && body.token && body.name) {
      setCreated({ name: body.name, token: body.token });
      setDraft({ name: '', days: 90 });
      setMessage(null);
      await reload();
    } else setMessage(body.error ?? String(response.status));
  };

  const revoke = async (token: ApiTokenRow) => {
    if (!window.confirm(t('tokens.confirmRevoke'))) return;
    const response = await fetch(`/api/v1/tokens/${token.id}`, { method: 'DELETE' });
    if (response.ok) await reload();
    else setMessage(((await response.json()) as { error?: string }).error ?? String(response.status));
  };

  return (
    <main className="page-body" data-testid="account-page">
      <h2 className="page-title">{t('account.title')}</h2>
      <section data-testid="api-tokens">
        <h3>{t('tokens.title')}</h3>
        <p className="muted">{t('tokens.hint')}</p>
        <p className="muted">
          {t('tokens.ogcUrl')}: <code data-testid="ogc-url">{ogcUrl}</code>
        </p>
        {message && (
          <p className="error-text" role="alert" data-testid="tokens-message">
            {message}
          </p>
        )}
        {created && (
          <p className="token-secret" data-testid="new-token">
            {created.name} — {t('tokens.secretOnce')} <code data-testid="new-token-secret">{created.token}</code>
          </p>
        )}
        <form className="inline-form" onSubmit={create} data-testid="new-token-form">
          <label className="field">
            {t('tokens.name')}
            <input required maxLength={60} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </label>
          <label className="field">
            {t('tokens.days')}
            <input
              type="number"
              min={1}
              max={365}
              required
              value={draft.days}
              onChange={(e) => setDraft({ ...draft, days: Number(e.target.value) })}
            />
          </label>
          <button type="submit" className="primary">
            {t('tokens.create')}
          </button>
        </form>
        {tokens.length === 0 ? (
          <p className="muted">{t('tokens.none')}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th>{t('tokens.name')}</th>
                <th>{t('tokens.status')}</th>
                <th>{t('tokens.created')}</th>
                <th>{t('tokens.expires')}</th>
                <th>{t('tokens.lastUsed')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => {
                const status = statusKey(token, now);
                return (
                  <tr key={token.id} data-testid={`token-${token.id}`} className={status === 'tokens.active' ? '' : 'row-inactive'}>
                    <td>{token.name}</td>
                    <td>{t(status)}</td>
                    <td>{day(token.created_at)}</td>
                    <td>{day(token.expires_at)}</td>
                    <td>{token.last_used_at ? chinaDateTime(token.last_used_at) : t('tokens.never')}</td>
                    <td>
                      {status === 'tokens.active' && (
                        <button type="button" className="link-button" onClick={() => revoke(token)}>
                          {t('tokens.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
