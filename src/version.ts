declare const __VERSION__: string | undefined;

/** Set by the bundler from package.json; tests that import src/ directly see the dev marker. */
export const VERSION: string = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
