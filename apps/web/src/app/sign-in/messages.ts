// What the sign-in page says when a sign-in fails, shared by the page and its form.

/** One message for unknown email and wrong password alike, so the form reveals no accounts. */
export const WRONG_CREDENTIALS = 'Wrong email or password.';
/** After too many failed sign-ins from this address (answered 429 by the server). */
export const TOO_MANY_ATTEMPTS = 'Too many failed sign-ins. Wait a few minutes, then try again.';
export const SIGN_IN_FAILED = 'Sign-in failed. Try again.';
