// Turning the API's texts into sentences for people.

/** "the name is taken" → "The name is taken." */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The schema validator's phrases, in plain words ("must match pattern \"^[^/]+$\"" says nothing to a person). */
export function fieldMessage(message: string): string {
  const longer = /^must NOT have more than (\d+) (characters|items)$/.exec(message);
  if (longer !== null) return `is too long: at most ${longer[1]} ${longer[2]}`;
  const shorter = /^must NOT have fewer than (\d+) (characters|items)$/.exec(message);
  if (shorter !== null)
    return shorter[1] === '1' ? 'must not be empty' : `is too short: at least ${shorter[1]} ${shorter[2]}`;
  if (message.startsWith('must match pattern'))
    return 'contains a character that is not allowed here (such as / or a control character)';
  if (message.startsWith('must match format "email"')) return 'is not an email address';
  return message;
}
