// Turns a scenario's values into the flags a person would type, without letting Helm's
// --set parser change their type (it reads "true" as a bool and "12" as a number).
import type { SetValues } from './types.js';

const plainText = /^[A-Za-z0-9._\-/:@ ]*$/;
const wouldBeTyped = /^(true|false|null|-?\d+(\.\d+)?)$/i;

export function setArgs(values: SetValues | undefined): string[] {
  if (!values) return [];
  return Object.entries(values).flatMap(([key, value]) => setArg(key, value));
}

function setArg(key: string, value: SetValues[string]): string[] {
  if (Array.isArray(value)) return ['--set-json', `${key}=${JSON.stringify(value)}`];
  if (typeof value !== 'string') return ['--set', `${key}=${String(value)}`];
  if (!plainText.test(value)) return ['--set-json', `${key}=${JSON.stringify(value)}`];
  if (wouldBeTyped.test(value)) return ['--set-string', `${key}=${value}`];
  return ['--set', `${key}=${value}`];
}

