import { useEffect, useId, useState } from 'react';
import { type Page, type Project, api, segment } from '../api';
import { useOrganizations } from '../organizations';
import { FormField } from './FormField';

type TargetType = 'organization' | 'project' | 'resource';

const TYPE_NAMES: Readonly<Record<TargetType, string>> = {
  organization: 'Organization',
  project: 'Project',
  resource: 'Resource',
};

/** The target chosen in TargetFields, with the resource type and id the API takes. */
export function useTargetChoice(initialTarget = '') {
  const [targetType, setTargetType] = useState<TargetType>('organization');
  const [resourceType, setResourceType] = useState('');
  const [target, setTarget] = useState(initialTarget);
  // A resource names its own type (api, component…); empty until it is given.
  const type = targetType === 'resource' ? resourceType.trim() : targetType;
  return { targetType, setTargetType, resourceType, setResourceType, target, setTarget, type, id: target.trim() };
}

export type TargetChoice = ReturnType<typeof useTargetChoice>;

interface TargetFieldsProps {
  readonly choice: TargetChoice;
  /** The target field's label; by default the chosen type's name. */
  readonly targetLabel?: string;
}

/** Where to ask about access: the target's type, a resource's own type, and the target, with suggestions. */
export function TargetFields({ choice, targetLabel }: TargetFieldsProps) {
  const { targetType, resourceType, target } = choice;
  const { organizations, current } = useOrganizations();
  const projects = useProjectPaths(targetType === 'project' ? (current?.id ?? null) : null);
  const datalistId = useId();
  const suggestions =
    targetType === 'organization' ? organizations.map((o) => o.name) : targetType === 'project' ? projects : [];
  return (
    <>
      <FormField label="Target type">
        <select
          name="target-type"
          value={targetType}
          onChange={(e) => choice.setTargetType(e.target.value as TargetType)}
        >
          <option value="organization">Organization</option>
          <option value="project">Project</option>
          <option value="resource">Resource</option>
        </select>
      </FormField>
      {targetType === 'resource' ? (
        <FormField label="Resource type" hint="api, application, component, environment…">
          <input
            name="resource-type"
            value={resourceType}
            onChange={(e) => choice.setResourceType(e.target.value)}
            maxLength={100}
          />
        </FormField>
      ) : null}
      <FormField
        label={targetLabel ?? TYPE_NAMES[targetType]}
        hint={
          targetType === 'organization'
            ? 'Its name or id.'
            : targetType === 'project'
              ? 'Its path, organization/project, or its id.'
              : 'Its id, or its path: organization/project/type/name.'
        }
      >
        <input
          name="target"
          value={target}
          onChange={(e) => choice.setTarget(e.target.value)}
          list={datalistId}
          maxLength={400}
          autoComplete="off"
        />
      </FormField>
      <datalist id={datalistId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </>
  );
}

/** Suggestions for the project field: the current organization's first projects. */
function useProjectPaths(organization: string | null): readonly string[] {
  const [paths, setPaths] = useState<readonly string[]>([]);
  useEffect(() => {
    if (organization === null) return;
    const controller = new AbortController();
    api
      .get<Page<Project>>(`/v1/organizations/${segment(organization)}/projects`, { limit: 100 }, controller.signal)
      .then((page) => setPaths(page.items.map((p) => p.path)))
      // Only suggestions: the field takes any path without them.
      .catch(() => undefined);
    return () => controller.abort();
  }, [organization]);
  return paths;
}
