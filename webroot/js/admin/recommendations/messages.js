// Strings of the recommender page (admin).
export const messages = {
  en: {
    navRecommender: 'Recommender', recoTitle: 'Recommender', recoPeriod: 'Period', recoDays: 'Last {n} days', recoRefresh: 'Refresh',
    recoOffline: 'Offline evaluation', recoOfflineHint: 'Hit rate@10 on the newest {p}% of {sessions} sessions ({cases} next-product cases), each model trained on the sessions before them. Coverage: the share of the {products} published products a model recommended.',
    recoModel: 'Model', recoHitRate: 'Hit rate@10', recoCoverage: 'Coverage', recoCases: 'Cases', recoNoSessions: 'Not enough sessions yet to evaluate.',
    recoClicks: 'Click-through by model and A/B arm', recoArm: 'Arm', recoShown: 'Shown', recoClicked: 'Clicked', recoCtr: 'Click-through', recoNoClicks: 'No recommendations shown in this period.',
    recoLatency: 'Serving latency (this node)', recoServed: 'Recommendations served', recoP50: 'p50', recoP99: 'p99', recoComputedAt: 'Computed {at}',
  },
};
