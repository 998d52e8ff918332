import { Store } from './store';

/** A one-time message carried to the next screen ("Талон № 12 удалён"). */
export const flash = new Store<string | null>(null);

export function takeFlash(): string | null {
  const m = flash.value;
  flash.set(null);
  return m;
}
