import { roles, type Role } from './roles.ts';

const everyone = roles;

/**
 * THE role table: which roles hold each capability. Page routers, API routers, navigation and
 * services all ask this table (through `requireAccess` / `can`), so a page and its API cannot
 * disagree. Each route's capability is listed in tests/foundation/access-matrix.test.ts.
 *
 * Information governance (UK GDPR art. 5(1)(c), data minimisation; docs/domain.md roles):
 * - Households' personal data (enquiries, visits, panels, bookings, who is booked on an event) is
 *   for caseworkers only: officers and managers.
 * - Comms plan events and campaigns and read aggregate reports, never households.
 * - Administrators run the system (users, audit, templates, bank holidays, mail delivery) but do
 *   not open households: in Outgoing mail they see delivery metadata (when, which email, status,
 *   attempts, error), not recipients, subjects or bodies, which only managers read.
 * - Safeguarding-sensitive reports (leavers' reasons, Ofsted return) are managers' only.
 */
export const capabilities = {
  /** Sign-in, sign-out, the home page and the user's own account and API tokens. */
  account: everyone,
  /** Enquiries, households, the board, visits, panels, my work, booking households on events. */
  households: ['officer', 'manager'],
  /** Event planning: list, calendar, create, edit, cancel (without who is booked). */
  events: ['officer', 'manager', 'comms'],
  /** Aggregate reports (committee table, campaign impact) and the dashboards. */
  reports: ['manager', 'comms'],
  /** Reports with restricted or sensitive figures; recomputing the figures; statutory deadlines. */
  management: ['manager'],
  /** When the figures were last computed. */
  metricsStatus: ['manager', 'comms', 'admin'],
  /** Public recruitment targets. */
  targets: ['manager'],
  campaigns: ['manager', 'comms'],
  mailings: ['manager', 'comms'],
  /** Aggregate equality monitoring (no individual answers). */
  equality: ['manager', 'admin'],
  /** Email templates and the automatic follow-up emails' switches and timing. */
  emailSettings: ['manager', 'admin'],
  /** Outgoing mail: the list and each message's delivery status. */
  outgoingMail: ['manager', 'admin'],
  /** Outgoing mail's recipients, subjects and bodies (household data). */
  outgoingMailContent: ['manager'],
  /** Users, audit log, system status, bank holidays, approval rules (route and timeliness standard). */
  administration: ['admin'],
  /**
   * Downloading all of the service's data (ZIP of CSVs, or JSON through the API): the council's exit
   * route (issue 14, item 7). The one exception to "administrators do not open households": the
   * export is for moving the whole service elsewhere, is audited, and holds no email contents.
   */
  dataExport: ['admin'],
  /**
   * Bringing a council's tracker spreadsheet in (issue 14): upload, map, dry run, import, roll back.
   * Managers own the casework it creates; administrators often run the migration. Both see the
   * file's rows only as the problems report shows them (row, column, value).
   */
  imports: ['manager', 'admin'],
  /**
   * Data protection requests (issue 15): the requests register, subject access searches and packs,
   * erasure on request and transfer-out packs. Managers, and administrators, who often act for the
   * council's information governance team; every search and disclosure is audited.
   */
  dataRequests: ['manager', 'admin'],
  /**
   * Retention (issue 15): the "Due for disposal" review (names and references of households due
   * for anonymisation) and legal holds on the household page: managers, who own the records.
   */
  disposal: ['manager'],
  /** Legal holds through the API (`/api/v1/households/:id/legal-hold`): managers and administrators. */
  legalHold: ['manager', 'admin'],
  /** The service's retention schedule (periods, with the reason for each change). */
  retentionSchedule: ['admin'],
  /** A regional hub's hand-off clock: how long member councils have to answer an offer (issue 17). */
  hubSettings: ['manager', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof capabilities;

/** Whether a role holds a capability; the system actor (no role) holds none. */
export const can = (role: Role | null | undefined, capability: Capability) =>
  !!role && (capabilities[capability] as readonly Role[]).includes(role);

/** The roles holding a capability (for lists such as the navigation). */
export const rolesWith = (capability: Capability): readonly Role[] => capabilities[capability];
