/**
 * What the wizard and the account picker need from a terminal. The real one draws with
 * @inquirer/prompts on stderr; tests pass scripted answers. Every method throws Cancelled when the
 * user presses Ctrl-C or Esc.
 */
export interface Choice<T extends string> {
  name: string;
  value: T;
  description?: string;
  /** What is echoed after the choice is made. */
  short?: string;
  disabled?: boolean | string;
}

export interface Prompter {
  input(q: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  select<T extends string>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
  password(q: { message: string; validate?: (value: string) => true | string }): Promise<string>;
}
