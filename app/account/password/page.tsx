import { frameProps } from '@/lib/auth/frame';
import { requirePageActor } from '@/lib/auth/page';
import { AppFrame } from '../../_components/AppFrame';
import { PasswordChangeForm } from './PasswordChangeForm';

export const dynamic = 'force-dynamic';

/** 修改密码: the signed-in user's own password; after an administrator's reset, the only page open to them. */
export default async function PasswordPage() {
  const actor = await requirePageActor('data:read', { passwordPage: true });
  const frame = await frameProps(actor, '/account/password');
  // Until the temporary password is replaced, every other page sends the user back here: offer no links there.
  return (
    <AppFrame {...frame} navigation={actor.mustChangePassword ? [] : frame.navigation}>
      <PasswordChangeForm required={actor.mustChangePassword} />
    </AppFrame>
  );
}
