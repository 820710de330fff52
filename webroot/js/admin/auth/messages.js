// Strings of the staff sign-in.
export const messages = {
  en: {
    staffSignIn: 'Staff sign in', sessionExpired: 'Your session has expired. Please sign in again.',
    password: 'Password', signIn: 'Sign in', signingIn: 'Signing in…',
  },
};
