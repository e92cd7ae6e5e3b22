/**
 * The test process's environment without its TESSERA_* settings, so a child command sees only what
 * the test gives it; the password hashing cost stays (the test runner lowers it to save CPU).
 */
export function withoutTesseraSettings(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('TESSERA_') || key === 'TESSERA_PASSWORD_COST') env[key] = value;
  return { ...env, ...extra };
}
