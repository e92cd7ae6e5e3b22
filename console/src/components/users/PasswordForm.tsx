import { type FormEvent, useState } from 'react';
import { ApiError, type User, api, segment } from '../../api';
import { qualified } from '../../explanations';
import { Done } from '../Done';
import { ErrorMessage } from '../ErrorMessage';
import { FormField } from '../FormField';
import { useAction } from '../useAction';

/**
 * Reset a user's password: an administrator sets a new one, or has a reset link mailed to the
 * user's email. Either way every session of the user ends and their personal access tokens are revoked.
 */
export function PasswordForm({ user }: { user: User }) {
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const name = qualified(user);
  const set = useAction(async () => {
    if (password !== repeated) throw new Error('the two passwords differ: type the same password twice');
    await api.put(`/v1/users/${segment(user.id)}/password`, { password });
    setPassword('');
    setRepeated('');
    return `Set a new password for ${name}: their sessions ended and their tokens were revoked.`;
  });
  const mail = useAction(async () => {
    await api.post('/v1/password-reset', { user: name });
    return `A password-reset link is on its way to ${user.email ?? 'their email'}; it works once, for 30 minutes.`;
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mail.reset();
    void set.run();
  };
  return (
    <section className="panel" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <p className="hint">A new password ends every session of {name} and revokes their personal access tokens.</p>
      <form onSubmit={submit} aria-label={`Set a new password for ${name}`} className="inline-form">
        <FormField
          label="New password"
          error={set.error instanceof ApiError ? set.error.fieldError('password') : undefined}
        >
          <input
            name="new-password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            maxLength={1024}
            autoComplete="new-password"
          />
        </FormField>
        <FormField label="New password again">
          <input
            name="new-password-again"
            type="password"
            value={repeated}
            onChange={(e) => setRepeated(e.target.value)}
            required
            maxLength={1024}
            autoComplete="new-password"
          />
        </FormField>
        <ErrorMessage error={set.error} />
        <Done message={set.done} />
        <button type="submit" disabled={set.busy}>
          Set password
        </button>
      </form>
      {user.email === null ? (
        <p className="hint">{name} has no email address: a reset link cannot be sent.</p>
      ) : (
        <div className="inline-form">
          <button
            type="button"
            disabled={mail.busy}
            onClick={() => {
              set.reset();
              void mail.run();
            }}
          >
            Email a reset link to {user.email}
          </button>
          <ErrorMessage error={mail.error} />
          <Done message={mail.done} />
        </div>
      )}
    </section>
  );
}
