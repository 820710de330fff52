// UI strings for the storefront (content itself comes localized from the API).
import { settings } from './state.js';

const messages = {
  en: {
    allProducts: 'All products', sort: 'Sort', newest: 'Newest', priceAsc: 'Price: low to high',
    priceDesc: 'Price: high to low', name: 'Name', minPrice: 'Min price', maxPrice: 'Max price',
    apply: 'Apply', clear: 'Clear', loadMore: 'Load more', loading: 'Loading…', noProducts: 'No products found.',
    inStock: 'In stock: {n}', outOfStock: 'Out of stock', from: 'from {price}', notAvailableIn: 'Not available in {currency}',
    currency: 'Currency', language: 'Language', login: 'Log in', register: 'Register', account: 'Account',
    logout: 'Log out', email: 'Email', password: 'Password', fullName: 'Name', createAccount: 'Create account',
    noAccount: 'No account yet?', haveAccount: 'Already registered?', memberSince: 'Member since',
    details: 'Details', yes: 'Yes', no: 'No', sku: 'SKU', unavailableCombo: 'This combination is not available.',
    showImage: 'Show image {n}', home: 'Home', categories: 'Categories', subcategories: 'Subcategories',
    productNotFound: 'Product not found.', backToShop: 'Back to the shop', pageNotFound: 'Page not found.',
    minMaxInvalid: 'Min price must not be greater than max price.', priceInvalid: 'Enter a valid amount.',
    welcome: 'Welcome, {name}', shopTagline: 'Well-made things, delivered.',
  },
  de: {
    allProducts: 'Alle Produkte', sort: 'Sortierung', newest: 'Neueste', priceAsc: 'Preis: aufsteigend',
    priceDesc: 'Preis: absteigend', name: 'Name', minPrice: 'Mindestpreis', maxPrice: 'Höchstpreis',
    apply: 'Anwenden', clear: 'Zurücksetzen', loadMore: 'Mehr laden', loading: 'Lädt…', noProducts: 'Keine Produkte gefunden.',
    inStock: 'Auf Lager: {n}', outOfStock: 'Ausverkauft', from: 'ab {price}', notAvailableIn: 'Nicht in {currency} erhältlich',
    currency: 'Währung', language: 'Sprache', login: 'Anmelden', register: 'Registrieren', account: 'Konto',
    logout: 'Abmelden', email: 'E-Mail', password: 'Passwort', fullName: 'Name', createAccount: 'Konto erstellen',
    noAccount: 'Noch kein Konto?', haveAccount: 'Schon registriert?', memberSince: 'Kunde seit',
    details: 'Details', yes: 'Ja', no: 'Nein', sku: 'Artikelnr.', unavailableCombo: 'Diese Kombination ist nicht verfügbar.',
    showImage: 'Bild {n} anzeigen', home: 'Start', categories: 'Kategorien', subcategories: 'Unterkategorien',
    productNotFound: 'Produkt nicht gefunden.', backToShop: 'Zurück zum Shop', pageNotFound: 'Seite nicht gefunden.',
    minMaxInvalid: 'Der Mindestpreis darf nicht über dem Höchstpreis liegen.', priceInvalid: 'Bitte einen gültigen Betrag eingeben.',
    welcome: 'Willkommen, {name}', shopTagline: 'Gut gemachte Dinge, geliefert.',
  },
};

export function t(key, vars = {}) {
  const table = messages[settings.locale] || messages.en;
  const s = table[key] ?? messages.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? ''));
}
