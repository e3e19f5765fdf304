/** What a password must be, shared by the server and the forms (no node:crypto here). */
export const MIN_PASSWORD_LENGTH = 8;
