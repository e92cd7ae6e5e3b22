import { type FormEvent, useEffect, useId, useState } from 'react';
import { type Organization, api } from '../../api';
import { Done } from '../Done';
import { ErrorMessage } from '../ErrorMessage';
import { FormField, fieldErrorOf } from '../FormField';
import { useAction } from '../useAction';
import { useOrganizationGroups } from '../groups/useOrganizationGroups';

const GROUP_CHOICES = 200;

interface Invitation {
  readonly invitation: { readonly id: string; readonly email: string; readonly expiresAt: string };
  readonly acceptUrl: string;
}

/** Invite someone by email into a group of the current organization; shows the acceptance link once. */
export function InviteForm({ organization }: { organization: Organization }) {
  const [email, setEmail] = useState('');
  const [group, setGroup] = useState('');
  const [hours, setHours] = useState('');
  const { groups, error: groupsError } = useOrganizationGroups(organization.id, '', GROUP_CHOICES);
  const [sent, setSent] = useState<Invitation | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const linkId = useId();

  // A group chosen in another organization is not one of these.
  useEffect(() => setGroup(''), [organization.id]);

  const action = useAction(async () => {
    setSent(null);
    setCopied(null);
    const chosen = groups?.items.find((g) => g.id === group);
    if (chosen === undefined) throw new Error('choose the group the invitation joins');
    const answer = await api.post<Invitation>('/v1/invitations', {
      email: email.trim(),
      group: chosen.id,
      ...(hours === '' ? {} : { expiresInHours: Number(hours) }),
    });
    setSent(answer);
    setEmail('');
    return `Invited ${answer.invitation.email} to the group ${chosen.name}; the invitation expires ${new Date(answer.invitation.expiresAt).toLocaleString()}.`;
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  const fieldError = fieldErrorOf(action.error);

  const copy = async (link: string) => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('Copied the link.');
    } catch {
      // Clipboards need a secure page; the link stays selectable.
      setCopied('The browser refused to copy: select the link and copy it.');
    }
  };

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="invite-title">
      <h2 id="invite-title">Invite by email</h2>
      <p className="hint">
        The invited person joins the group when they accept. The server sends no mail: pass the link on yourself.
      </p>
      <FormField label="Email" error={fieldError('email')}>
        <input
          name="invite-email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          maxLength={320}
          autoComplete="off"
        />
      </FormField>
      <FormField
        label="Group"
        hint={
          groups?.next != null
            ? `Only the first ${GROUP_CHOICES} groups of ${organization.name} are listed.`
            : `A group of ${organization.name}; its roles become theirs.`
        }
        error={fieldError('group')}
      >
        <select name="invite-group" value={group} onChange={(e) => setGroup(e.target.value)} required>
          <option value="">Choose a group</option>
          {groups?.items.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
              {g.flagged ? ' (no role)' : ''}
            </option>
          ))}
        </select>
      </FormField>
      <ErrorMessage error={groupsError} />
      <FormField
        label="Expires in hours"
        hint="Optional: 1 to 720; the server's default otherwise."
        error={fieldError('expiresInHours')}
      >
        <input
          name="invite-hours"
          type="number"
          min={1}
          max={720}
          step={1}
          value={hours}
          onChange={(e) => setHours(e.target.value)}
        />
      </FormField>
      <ErrorMessage error={action.error} />
      <Done message={action.done} />
      {sent === null ? null : (
        <div className="invite-link">
          <label htmlFor={linkId}>Acceptance link</label>
          <input
            id={linkId}
            readOnly
            value={sent.acceptUrl}
            onFocus={(e) => e.target.select()}
            aria-describedby={`${linkId}-hint`}
          />
          <p className="hint" id={`${linkId}-hint`}>
            Shown only this once: send it to {sent.invitation.email}.
          </p>
          <button type="button" onClick={() => void copy(sent.acceptUrl)}>
            Copy link
          </button>
          <p role="status" className="hint">
            {copied}
          </p>
        </div>
      )}
      <button type="submit" className="primary" disabled={action.busy}>
        Send invitation
      </button>
    </form>
  );
}
