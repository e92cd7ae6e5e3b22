import { type User, api, segment } from '../../api';
import { ConfirmButton } from '../ConfirmButton';
import { qualified } from '../../explanations';

/**
 * Disable an active or invited user (asked first: it ends their access at once), or enable a
 * disabled one. `onChange` runs the write so the caller shows its error or success in place.
 */
export function StatusButton({
  user,
  onChange,
  disabled = false,
}: {
  user: User;
  onChange: (user: User, status: User['status']) => Promise<unknown>;
  disabled?: boolean;
}) {
  if (user.status === 'disabled') {
    return (
      <button
        type="button"
        onClick={() => void onChange(user, 'active')}
        disabled={disabled}
        aria-label={`Enable ${qualified(user)}`}
      >
        Enable
      </button>
    );
  }
  return (
    <ConfirmButton
      confirm={`Disable ${qualified(user)}? They can no longer sign in or act.`}
      onConfirm={() => onChange(user, 'disabled').then(() => undefined)}
      disabled={disabled}
    >
      Disable
    </ConfirmButton>
  );
}

/** PATCH the user's status; answers the success line. */
export async function setUserStatus(user: User, status: User['status']): Promise<string> {
  const answer = await api.patch<{ user: User }>(`/v1/users/${segment(user.id)}`, { status });
  return `${qualified(answer.user)} is now ${answer.user.status === 'disabled' ? 'disabled' : 'enabled'}.`;
}
