export type Platform = 'telegram' | 'slack' | 'cli';

/** Who is asking or acting, as a front end identifies them. */
export interface Actor {
  platform: Platform;
  userId: string;
  displayName?: string;
}
