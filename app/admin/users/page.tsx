import { getDatabase } from '@/db/client';
import { listUsers } from '@/db/queries/users';
import { listVillages } from '@/db/queries/villages';
import { frameProps } from '@/lib/auth/frame';
import { requirePageActor } from '@/lib/auth/page';
import { AppFrame } from '../../_components/AppFrame';
import { UsersAdmin } from './UsersAdmin';

export const dynamic = 'force-dynamic';

/** 用户管理: accounts, roles and village assignments. */
export default async function UsersPage() {
  const actor = await requirePageActor('users:manage');
  const { db } = await getDatabase();
  const [users, villages] = await Promise.all([listUsers(db), listVillages(db)]);
  return (
    <AppFrame {...(await frameProps(actor, '/admin/users'))}>
      <UsersAdmin initialUsers={users} villages={villages.map(({ code, name }) => ({ code, name }))} selfId={actor.userId} />
    </AppFrame>
  );
}
