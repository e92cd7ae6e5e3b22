import { type FormEvent, useCallback, useState } from 'react';
import { type User, api } from '../../api';
import { qualified } from '../../explanations';
import { Done } from '../Done';
import { ErrorMessage } from '../ErrorMessage';
import { FormField, fieldErrorOf } from '../FormField';
import { useAction } from '../useAction';
import { useLoaded } from '../useLoaded';

interface UserStore {
  readonly name: string;
  readonly readOnly: boolean;
}

const PRIMARY = 'PRIMARY';

/** The user stores users can be created in: the writable ones (a directory's users come from it). */
function useWritableStores() {
  const load = useCallback(
    (signal: AbortSignal) =>
      api
        .get<{ items: UserStore[] }>('/v1/user-stores', { limit: 500 }, signal)
        .then((answer) => answer.items.filter((s) => !s.readOnly).map((s) => s.name)),
    [],
  );
  const { value, error } = useLoaded(load);
  return { stores: value ?? [PRIMARY], error };
}

/** A new user of a writable user store, with an email and a first password. */
export function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const { stores, error: storesError } = useWritableStores();
  const [username, setUsername] = useState('');
  const [store, setStore] = useState(PRIMARY);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction(async () => {
    const answer = await api.post<{ user: User }>('/v1/users', {
      username: username.trim(),
      store,
      email: email.trim() === '' ? null : email.trim(),
      ...(password === '' ? {} : { password }),
    });
    setUsername('');
    setEmail('');
    setPassword('');
    onCreated();
    return `Created user ${qualified(answer.user)}${password === '' ? ', with no password yet' : ''}.`;
  });
  const fieldError = fieldErrorOf(action.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="create-user-title">
      <h2 id="create-user-title">Create a user</h2>
      <FormField label="Username" error={fieldError('username')}>
        <input
          name="new-username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          maxLength={200}
          autoComplete="off"
        />
      </FormField>
      <FormField label="User store" hint="Users of a read-only store come from its directory.">
        <select name="new-user-store" value={store} onChange={(e) => setStore(e.target.value)}>
          {(stores.includes(PRIMARY) ? stores : [PRIMARY, ...stores]).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </FormField>
      <ErrorMessage error={storesError} />
      <FormField label="Email" hint="Optional; password-reset links go there." error={fieldError('email')}>
        <input
          name="new-user-email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          maxLength={320}
          autoComplete="off"
        />
      </FormField>
      <FormField
        label="Password"
        hint="Optional: without one, the user signs in after a password reset."
        error={fieldError('password')}
      >
        <input
          name="new-user-password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          maxLength={1024}
          autoComplete="new-password"
        />
      </FormField>
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      <button type="submit" className="primary" disabled={action.busy}>
        Create user
      </button>
    </form>
  );
}
