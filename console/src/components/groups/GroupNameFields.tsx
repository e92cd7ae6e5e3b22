import { FormField } from '../FormField';

interface GroupNameFieldsProps {
  readonly name: string;
  readonly onName: (name: string) => void;
  readonly description: string;
  readonly onDescription: (description: string) => void;
  readonly fieldError: (path: string) => string | undefined;
}

/** A group's name and description, as creating and editing a group ask for them. */
export function GroupNameFields({ name, onName, description, onDescription, fieldError }: GroupNameFieldsProps) {
  return (
    <>
      <FormField label="Group name" error={fieldError('name')}>
        <input
          name="group-name"
          value={name}
          onChange={(e) => onName(e.target.value)}
          required
          maxLength={200}
          autoComplete="off"
        />
      </FormField>
      <FormField label="Description" hint="Optional." error={fieldError('description')}>
        <textarea
          name="group-description"
          value={description}
          onChange={(e) => onDescription(e.target.value)}
          rows={2}
          maxLength={1000}
        />
      </FormField>
    </>
  );
}
