// Strings of the account feature (sign-in, registration, account page).
export const messages = {
  en: {
    login: 'Log in', register: 'Register', account: 'Account', logout: 'Log out', email: 'Email',
    password: 'Password', fullName: 'Name', createAccount: 'Create account', noAccount: 'No account yet?',
    haveAccount: 'Already registered?', memberSince: 'Member since', welcome: 'Welcome, {name}',
  },
  de: {
    login: 'Anmelden', register: 'Registrieren', account: 'Konto', logout: 'Abmelden', email: 'E-Mail',
    password: 'Passwort', fullName: 'Name', createAccount: 'Konto erstellen', noAccount: 'Noch kein Konto?',
    haveAccount: 'Schon registriert?', memberSince: 'Kunde seit', welcome: 'Willkommen, {name}',
  },
};
