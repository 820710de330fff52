// Strings of the storefront shell, shared by all features.
export const messages = {
  en: {
    loading: 'Loading…', home: 'Home', backToShop: 'Back to the shop', pageNotFound: 'Page not found.',
    currency: 'Currency', language: 'Language',
    inStock: 'In stock', onlyLeft: 'Only {n} left', outOfStock: 'Out of stock',
  },
  de: {
    loading: 'Lädt…', home: 'Start', backToShop: 'Zurück zum Shop', pageNotFound: 'Seite nicht gefunden.',
    currency: 'Währung', language: 'Sprache',
    inStock: 'Auf Lager', onlyLeft: 'Nur noch {n} verfügbar', outOfStock: 'Ausverkauft',
  },
};
