import type { User } from '../../api';

/** A user's status as the console shows it. */
export const STATUS_WORDS: Readonly<Record<User['status'], string>> = {
  active: 'Active',
  invited: 'Invited',
  disabled: 'Disabled',
};
