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
}
