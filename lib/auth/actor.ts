import type { Role } from '../domain/enums';

/** The signed-in user a request acts for. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  /** Village codes this user is limited to; null means the whole town. */
  villages: string[] | null;
  sessionId: string;
  /** The password was reset by an administrator: until the user chooses a new one, only that is allowed. */
  mustChangePassword: boolean;
  /** Set when the request came with a personal API token rather than a session: read-only access. */
  token?: { id: number; name: string };
}
