import { afterEach, beforeEach, expect } from 'vitest';
import { FakeCloudflare, type FakeOptions } from './fake-api';

/**
 * A fresh fake API for every test of the file, closed afterwards with a check that no request
 * broke the OpenAPI contract. The returned object forwards to the current test's server.
 */
export function useFakeApi(options: FakeOptions = {}): FakeCloudflare {
  let current: FakeCloudflare | undefined;
  beforeEach(async () => {
    current = await FakeCloudflare.start(options);
  });
  afterEach(async () => {
    const fake = current;
    current = undefined;
    if (!fake) return;
    await fake.close();
    expect(fake.violations).toEqual([]);
  });
  return new Proxy({} as FakeCloudflare, {
    get(_, key) {
      if (!current) throw new Error('the fake API is only available inside a test');
      const value = Reflect.get(current, key, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
    set(_, key, value) {
      if (!current) throw new Error('the fake API is only available inside a test');
      return Reflect.set(current, key, value, current);
    },
  });
}
