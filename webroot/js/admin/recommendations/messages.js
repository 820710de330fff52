// Strings of the recommender page (admin).
export const messages = {
  en: {
    navRecommender: 'Recommender', recoTitle: 'Recommender', recoPeriod: 'Period', recoDays: 'Last {n} days', recoRefresh: 'Refresh',
    recoOffline: 'Offline evaluation', recoOfflineHint: 'Hit rate@10 on the newest {p}% of {sessions} sessions ({cases} next-product cases), each model trained on the sessions before them. Coverage: the share of the {products} published products a model recommended.',
    recoModel: 'Model', recoHitRate: 'Hit rate@10', recoCoverage: 'Coverage', recoCases: 'Cases', recoNoSessions: 'Not enough sessions yet to evaluate.',
    recoOnline: 'Online, by model and A/B arm', recoOnlineHint: 'What the storefront showed in the last {days} days. Hit rate@10: the share of shown rows whose top 10 had a product clicked afterwards in the session, or bought by the session\'s customer within 24 hours (guest orders are not linked to sessions). Coverage: distinct products shown of the {products} published. Latency: the requests a row of the model answered, on this node.',
    recoHitRateOnline: 'Hit rate@10 (clicked or bought)', recoCoverageOnline: 'Catalogue coverage', recoLatencyByModel: 'Latency p50 / p99 (this node)',
    recoOfflineChart: 'Hit rate@10 and coverage, offline', recoChartsUnavailable: 'Charts could not be loaded; the table below has the figures.',
    recoArmName: 'arm {arm}', recoNoArm: 'no arm', recoRows: 'Rows', recoRowsClicked: 'Clicked rows', recoRowsBought: 'Bought rows',
    recoArm: 'Arm', recoShown: 'Shown', recoClicked: 'Clicked', recoCtr: 'Click-through', recoNoClicks: 'No recommendations shown in this period.',
    recoSettings: 'Settings', recoSettingsHint: 'Per A/B arm, the model each situation asks first; the other models follow, then trending, popularity and the catalogue. Saved settings apply on every node within seconds.',
    recoSplit: 'Sessions in arm b (%)', recoSettingsSave: 'Save settings', recoSettingsSaved: 'Recommender settings saved.',
    recoSettingsVersion: 'Version {v}, saved {at}.', recoSettingsDefaults: 'The configuration\'s defaults (never changed).',
    recoFirstModelOf: 'First model of arm {arm} for {situation}', recoSituation_home: 'Home (for you)', recoSituation_product: 'Product (similar)',
    recoSituation_category: 'Category', recoSituation_cart: 'Cart (complements)',
    recoLatency: 'Serving latency (this node)', recoServed: 'Recommendations served', recoP50: 'p50', recoP99: 'p99', recoComputedAt: 'Computed {at}',
  },
};
