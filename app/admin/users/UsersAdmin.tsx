'use client';

import { type FormEvent, useState } from 'react';
import type { UserRow } from '@/db/queries/users';
import { SCOPED_ROLES } from '@/lib/auth/roles';
import { ROLES, type Role } from '@/lib/domain/enums';
import type { MessageKey } from '@/lib/i18n';
import { useT } from '../../_components/i18n-context';
import { type PickableVillage as Village, VillagePicker } from '../../_components/VillagePicker';

interface UsersAdminProps {
  initialUsers: UserRow[];
  villages: Village[];
  selfId: number;
}

async function send(url: string, method: 'POST' | 'PATCH', body: unknown) {
  const response = await fetch(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return {
    status: response.status,
    body: (await response.json()) as { user?: UserRow; current?: UserRow; error?: string; temporary_password?: string },
  };
}

/** The user list with inline role / village / active editing, and the new-user form. */
export function UsersAdmin({ initialUsers, villages, selfId }: UsersAdminProps) {
  const t = useT();
  const [users, setUsers] = useState(initialUsers);
  const [message, setMessage] = useState<string | null>(null);
  // The temporary password of the last reset, shown once for the administrator to hand over.
  const [reset, setReset] = useState<{ displayName: string; password: string } | null>(null);
  const [draft, setDraft] = useState({ username: '', display_name: '', role: 'inspector' as Role, villages: [] as string[], password: '' });

  const replace = (user: UserRow) => setUsers((list) => list.map((u) => (u.id === user.id ? user : u)));

  const patch = async (user: UserRow, changes: Record<string, unknown>) => {
    const result = await send(`/api/v1/users/${user.id}`, 'PATCH', { version: user.version, ...changes });
    if (result.status === 409 && result.body.current) {
      replace(result.body.current);
      setMessage(t('users.conflict'));
    } else if (result.body.user) {
      replace(result.body.user);
      setMessage(null);
    } else setMessage(result.body.error ?? String(result.status));
  };

  const resetPassword = async (user: UserRow) => {
    if (!window.confirm(t('users.resetConfirm').replace('{name}', user.display_name))) return;
    const result = await send(`/api/v1/users/${user.id}/password-reset`, 'POST', {});
    if (result.body.user && result.body.temporary_password) {
      replace(result.body.user);
      setReset({ displayName: user.display_name, password: result.body.temporary_password });
      setMessage(null);
    } else setMessage(result.body.error ?? String(result.status));
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const scoped = SCOPED_ROLES.includes(draft.role);
    const result = await send('/api/v1/users', 'POST', { ...draft, villages: scoped ? draft.villages : null });
    const created = result.body.user;
    if (created) {
      setUsers((list) => [...list, created]);
      setDraft({ username: '', display_name: '', role: 'inspector', villages: [], password: '' });
      setMessage(null);
    } else setMessage(result.body.error ?? String(result.status));
  };

  return (
    <main className="page-body" data-testid="users-admin">
      <h2 className="page-title">{t('users.title')}</h2>
      {message && (
        <p className="error-text" role="alert" data-testid="users-message">
          {message}
        </p>
      )}
      {reset && (
        <p className="notice" role="status" data-testid="reset-password-notice">
          {t('users.resetDone').replace('{name}', reset.displayName)}{' '}
          <code className="secret-box" data-testid="reset-password-secret">
            {reset.password}
          </code>
        </p>
      )}
      <table className="data-table">
        <thead>
          <tr>
            <th>{t('users.username')}</th>
            <th>{t('users.displayName')}</th>
            <th>{t('users.role')}</th>
            <th>{t('users.villages')}</th>
            <th>{t('users.active')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-testid={`user-${user.username}`} className={user.active ? '' : 'row-inactive'}>
              <td>{user.username}</td>
              <td>{user.display_name}</td>
              <td>
                <select
                  value={user.role}
                  disabled={user.id === selfId}
                  onChange={(e) =>
                    patch(user, {
                      role: e.target.value,
                      villages: SCOPED_ROLES.includes(e.target.value as Role) ? villages.slice(0, 1).map((v) => v.code) : null,
                    })
                  }
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`role.${role}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {user.villages === null ? (
                  t('users.allVillages')
                ) : (
                  <VillagePicker
                    villages={villages}
                    value={user.villages}
                    single={user.role === 'village'}
                    label={`${user.display_name} · ${t('users.villages')}`}
                    testId={`villages-${user.username}`}
                    onChange={(codes) => codes.length > 0 && patch(user, { villages: codes })}
                  />
                )}
              </td>
              <td>
                {t(user.active ? 'users.activeYes' : 'users.activeNo')}
                {user.must_change_password && <div className="muted">{t('users.mustChangePassword')}</div>}
              </td>
              <td>
                {user.id !== selfId && (
                  <button
                    type="button"
                    className="link-button"
                    data-testid={`toggle-active-${user.username}`}
                    onClick={() => patch(user, { active: !user.active })}
                  >
                    {t(user.active ? 'users.deactivate' : 'users.activate')}
                  </button>
                )}{' '}
                {user.id !== selfId && (
                  <button
                    type="button"
                    className="link-button"
                    data-testid={`reset-password-${user.username}`}
                    onClick={() => resetPassword(user)}
                  >
                    {t('users.resetPassword')}
                  </button>
                )}{' '}
                <a className="link-button" href={`/admin/audit?table=users&record=${user.id}`}>
                  {t('users.history')}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <form className="inline-form" onSubmit={create} data-testid="new-user-form">
        <h3>{t('users.create')}</h3>
        <label className="field">
          {t('users.username')}
          <input value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} required />
        </label>
        <label className="field">
          {t('users.displayName')}
          <input value={draft.display_name} onChange={(e) => setDraft({ ...draft, display_name: e.target.value })} required />
        </label>
        <label className="field">
          {t('users.role')}
          <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        {SCOPED_ROLES.includes(draft.role) && (
          <div className="field">
            {t('users.villages')}
            <VillagePicker
              villages={villages}
              value={draft.villages}
              single={draft.role === 'village'}
              label={`${t('users.create')} · ${t('users.villages')}`}
              testId="new-user-villages"
              onChange={(codes) => setDraft({ ...draft, villages: codes })}
            />
          </div>
        )}
        <label className="field">
          {t('users.password')}
          <input
            type="password"
            autoComplete="new-password"
            value={draft.password}
            onChange={(e) => setDraft({ ...draft, password: e.target.value })}
            required
            minLength={8}
          />
        </label>
        <button type="submit" className="primary">
          {t('users.create')}
        </button>
      </form>
    </main>
  );
}
