// Strings of the search feature (header box, results page).
export const messages = {
  en: {
    searchLabel: 'Search products', searchPlaceholder: 'Search products…', searchButton: 'Search',
    searchTitle: 'Search', resultsFor: 'Results for “{q}”', browseAll: 'All products',
    resultCount: '{n} products', resultCountOne: '1 product',
    showingCorrected: 'No results for “{q}”. Showing results for “{corrected}”.',
    didYouMean: 'Did you mean', noResults: 'No products match your search.', tryFewerFilters: 'Try other words or fewer filters.',
    filtersTitle: 'Filters', clearAllFilters: 'Clear all filters', priceRange: 'Price range', searchPriceFrom: 'From', searchPriceTo: 'To',
    applyPrice: 'Apply', sortBy: 'Sort by', sortRelevance: 'Relevance', sortPriceAsc: 'Price: low to high',
    sortPriceDesc: 'Price: high to low', sortNewest: 'Newest', previousPage: 'Previous', nextPage: 'Next',
    pageOf: 'Page {page} of {pages}', suggestionsLabel: 'Suggestions', kindProduct: 'Product', kindCategory: 'Category',
    kindBrand: 'Brand', priceInvalidShort: 'Enter amounts like 20 or 19.99', noPrice: 'Not sold in {currency}',
    fromPrice: 'from {price}',
  },
  de: {
    searchLabel: 'Produkte suchen', searchPlaceholder: 'Produkte suchen…', searchButton: 'Suchen',
    searchTitle: 'Suche', resultsFor: 'Ergebnisse für „{q}“', browseAll: 'Alle Produkte',
    resultCount: '{n} Produkte', resultCountOne: '1 Produkt',
    showingCorrected: 'Keine Ergebnisse für „{q}“. Ergebnisse für „{corrected}“ werden angezeigt.',
    didYouMean: 'Meinten Sie', noResults: 'Keine Produkte passen zu Ihrer Suche.', tryFewerFilters: 'Versuchen Sie andere Wörter oder weniger Filter.',
    filtersTitle: 'Filter', clearAllFilters: 'Alle Filter entfernen', priceRange: 'Preisspanne', searchPriceFrom: 'Von', searchPriceTo: 'Bis',
    applyPrice: 'Anwenden', sortBy: 'Sortieren nach', sortRelevance: 'Relevanz', sortPriceAsc: 'Preis: aufsteigend',
    sortPriceDesc: 'Preis: absteigend', sortNewest: 'Neueste', previousPage: 'Zurück', nextPage: 'Weiter',
    pageOf: 'Seite {page} von {pages}', suggestionsLabel: 'Vorschläge', kindProduct: 'Produkt', kindCategory: 'Kategorie',
    kindBrand: 'Marke', priceInvalidShort: 'Beträge wie 20 oder 19,99 eingeben', noPrice: 'Nicht in {currency} erhältlich',
    fromPrice: 'ab {price}',
  },
};
