// Strings of the search feature of the admin.
export const messages = {
  en: {
    navSearch: 'Search', searchAdminTitle: 'Search', searchIndexTitle: 'Search index',
    searchIndexLead: 'Products are indexed as the catalog changes. Rebuild the index after a bulk import; shoppers can keep searching meanwhile.',
    searchRebuild: 'Rebuild index', searchRebuilding: 'Rebuilding…', searchRebuildStarted: 'Rebuild started',
    searchIndexedOf: '{indexed} of about {total} products', searchDocuments: '{n} searchable products',
    searchLastRebuild: 'Last rebuild finished {at}', searchRebuildFailed: 'The last rebuild failed: {error}',
    searchSynonymsTitle: 'Synonyms', searchSynonymsLead: 'Words that mean the same: a search for one also finds the others.',
    searchLocale: 'Language', searchTerms: 'Terms', searchTermsHint: 'comma separated, e.g. tee, t-shirt',
    searchAddSynonym: 'Add synonyms', searchSynonymSaved: 'Synonyms saved', searchSynonymDeleted: 'Synonyms deleted',
    searchNoSynonyms: 'No synonyms yet.', searchConfirmDeleteSynonym: 'Delete the synonyms "{terms}"?',
    searchTermsRule: 'enter 2 to 10 different terms',
    searchAnalyticsTitle: 'What shoppers search', searchPeriod: 'Period', searchLastDays: 'Last {n} days',
    searchSearches: 'Searches', searchZeroResults: 'Without results', searchClicks: 'Result clicks', searchClickThrough: 'Click-through',
    searchTopQueries: 'Top queries', searchZeroQueries: 'Queries without results', searchQuery: 'Query',
    searchNoQueries: 'No searches in this period.',
  },
};
