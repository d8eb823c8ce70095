// Why: the reproducer writes Python literals in one way everywhere: booleans as True/False, strings as JSON (a valid Python string for what the harness writes).

/** `b` as a Python literal. */
export const pyBool = (b: boolean): string => (b ? "True" : "False");

/** `s` as a Python string literal. */
export const pyStr = (s: string): string => JSON.stringify(s);
