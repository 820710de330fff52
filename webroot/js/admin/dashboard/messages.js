// Strings of the dashboard feature (keys start with dash: the shell's table is shared by every feature).
export const messages = {
  en: {
    dashNavDashboard: 'Dashboard', dashDashboardTitle: 'Dashboard', dashDashboardLead: 'Sales by the day orders were placed (UTC), in {currency}.',
    dashRangeFrom: 'From', dashRangeTo: 'To', dashGranularity: 'Per', dashPerDay: 'Day', dashPerWeek: 'Week', dashCurrency: 'Currency', dashShow: 'Show',
    dashLast7: '7 days', dashLast30: '30 days', dashLast90: '90 days', dashLast365: '12 months', dashRangePresets: 'Quick ranges',
    dashDayInvalid: 'enter a day', dashToBeforeFrom: 'must not be before the first day', dashRangeTooLong: 'at most two years',
    dashKpiRevenue: 'Revenue', dashKpiOrders: 'Paid orders', dashKpiAov: 'Average order', dashKpiRefunds: 'Refunds', dashKpiReturns: 'Returns',
    dashKpiCustomers: 'Customers', dashOrdersPlacedSub: '{n} placed · {c} cancelled', dashRevenueSub: 'from {n} paid orders', dashRevenueSubOne: 'from 1 paid order', dashAovSub: 'revenue per paid order',
    dashRefundsSub: '{share} of revenue', dashReturnsSub: 'return requests', dashReturnsSubOne: 'return request', dashCustomersSub: '{n} new · {r} returning',
    dashRevenueChart: 'Revenue and paid orders', dashCustomersChart: 'New and returning customers', dashFunnelChart: 'Conversion funnel',
    dashRevenue: 'Revenue', dashPaidOrders: 'Paid orders', dashNewCustomers: 'New', dashReturningCustomers: 'Returning',
    dashCartsCreated: 'Carts created', dashCheckoutsStarted: 'Checkouts started', dashOrdersPlaced: 'Orders placed', dashOrdersPaid: 'Orders paid',
    dashOfPrevious: '{share} of the step before', dashTopProducts: 'Top products', dashTopCategories: 'Top categories',
    dashName: 'Name', dashUnits: 'Units', dashUnnamed: 'Unnamed ({id})', dashNoSales: 'No sales in this range.',
    dashCatchingUp: 'The figures are catching up: {n} recent events are not included yet.',
    dashCatchingUpOne: 'The figures are catching up: 1 recent event is not included yet.', dashChartsUnavailable: 'Charts could not be loaded.',
    dashWeekOf: 'Week of {day}',
  },
};
