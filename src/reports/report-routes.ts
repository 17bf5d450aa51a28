/**
 * Which households a report counts, by the route of their enquiry. Ofsted's annual fostering data
 * collection counts recruitment (enquiries, applications, approvals) for mainstream fostering only:
 * "'Mainstream foster care' refers to all foster homes, including those fostering to adopt. It
 * excludes households where the primary placement offer is family and friends foster care."
 * So every report counts mainstream unless asked otherwise (`route=`).
 */
export const reportRoutes = {
  mainstream: 'Mainstream fostering (what Ofsted counts)',
  family_and_friends: 'Family and friends (connected person) fostering',
  all: 'All households',
} as const;
export type ReportRoute = keyof typeof reportRoutes;
export const reportRouteCodes = Object.keys(reportRoutes) as [ReportRoute, ...ReportRoute[]];
export const DEFAULT_ROUTE: ReportRoute = 'mainstream';

/**
 * The enquiry routes each choice counts. Mainstream takes in carers transferring from another
 * agency (they are mainstream foster homes), but reports still show them apart: "Transfers in" is
 * its own row and never part of "Households approved".
 */
const enquiryRoutes: Record<ReportRoute, readonly string[]> = {
  mainstream: ['mainstream', 'transfer'],
  family_and_friends: ['family_and_friends'],
  all: ['mainstream', 'transfer', 'family_and_friends'],
};

/** The enquiry routes (`enquiries.route` values) a report on this route counts. */
export const routesCounted = (route: ReportRoute): readonly string[] => enquiryRoutes[route];

/** The routes a campaign is ever credited with: family and friends households never are. */
export const ATTRIBUTED_ROUTES: readonly string[] = ['mainstream', 'transfer'];

/** The counting rule for the route, written for the report pages and docs/domain.md. */
export const routeRules: Record<ReportRoute, string> = {
  mainstream:
    'Mainstream fostering, as Ofsted counts it: all foster homes, including those fostering to adopt; households whose primary placement offer is family and friends (connected person) foster care are left out. Carers transferring in from another agency are mainstream, and are counted in their own row (“Transfers in”), never in “Households approved”.',
  family_and_friends:
    'Family and friends (connected person) households only: relatives or friends assessed to foster a child they already know. Ofsted does not count them in its recruitment figures.',
  all: 'Every household, mainstream and family and friends together. Transfers in from another agency are still counted in their own row, never in “Households approved”.',
};

/** The short version beside each choice of the route filter. */
export const routeHints: Record<ReportRoute, string> = {
  mainstream:
    'All foster homes, fostering to adopt included; not family and friends. Transfers in are shown apart.',
  family_and_friends:
    'Relatives or friends assessed to foster a child they know. Not in Ofsted’s recruitment figures.',
  all: 'Mainstream and family and friends together.',
};

/** What a household approved on this route is counted as: a transfer in, or an approval. */
export const isTransfer = (enquiryRoute: string) => enquiryRoute === 'transfer';
