/** The error a call throws, so a test can assert on its stable code; a call that does not throw fails the test. */
export function errorOf(call: () => unknown): { message: string; extensions?: Record<string, unknown> } {
  try {
    call();
  } catch (error) {
    return error as { message: string; extensions?: Record<string, unknown> };
  }
  throw new Error('expected the call to throw, but it returned');
}
