/**
 * What the import pages show, built from a batch, its file and a mapping: the mapping page's
 * columns with their first values and selects, the values to match, and the batch page's report.
 */
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { can } from '../shared/access.ts';
import { AppError } from '../shared/errors.ts';
import type { Role } from '../shared/roles.ts';
import { formFromMapping, valuesToMatch, mappingFromForm, type DistinctValues } from './import-form.ts';
import { columnOptions, flagLabels, valueKinds } from './import-labels.ts';
import type { ImportMapping, ImportReport, ReadTable } from './import-types.ts';
import { batchTable } from './import-table.service.ts';
import type { ImportBatch } from './imports.repo.ts';
import { findImportMapping, getImportBatch, listImportMappings } from './import-batches.service.ts';
import type { ImportStatus } from './imports.table.ts';
import { proposeMapping } from './propose-mapping.ts';

export const statusLabels: Record<ImportStatus, string> = {
  uploaded: 'Uploaded: columns to match',
  checked: 'Checked: ready to import',
  importing: 'Importing',
  imported: 'Imported',
  rolled_back: 'Rolled back',
  failed: 'Stopped before it finished',
};

export interface MappingState {
  batch: ImportBatch;
  table: ReadTable;
  /** The mapping to show: a saved one chosen, else the person's last, else the importer's proposal. */
  mapping: ImportMapping;
  savedMappings: { name: string }[];
}

/**
 * The batch, its file read again and the mapping to start from. Only a batch not yet imported can
 * be mapped: 409 otherwise. `use` names a saved mapping (404 on the field when there is none).
 */
export async function mappingState(
  db: Db,
  actor: Actor,
  batchId: string,
  use?: string,
): Promise<MappingState> {
  const batch = await getImportBatch(db, actor, batchId);
  if (batch.status !== 'uploaded' && batch.status !== 'checked') {
    throw new AppError('conflict', 'This import has started: its mapping can no longer change.');
  }
  const table = await batchTable(db, batch);
  const saved = use ? await findImportMapping(db, actor, use) : undefined;
  if (use && !saved) {
    throw new AppError('validation', 'There is no saved mapping with that name.', {
      issues: [{ path: 'use', message: 'Choose one of the saved mappings' }],
    });
  }
  const mapping = saved
    ? proposeMapping(table, saved.mapping).mapping
    : (batch.mapping ?? proposeMapping(table).mapping);
  const savedMappings = (await listImportMappings(db, actor)).map((m) => ({ name: m.name }));
  return { batch, table, mapping, savedMappings };
}

const SAMPLES = 3;

/** The first few non-blank values of a column, as a person recognises it. */
const samplesOf = (table: ReadTable, index: number) =>
  table.rows
    .map((r) => r.cells[index] ?? '')
    .filter((c) => c.trim() !== '')
    .slice(0, SAMPLES);

/** The vocabulary's suggestions for the values of columns as the person has just mapped them. */
const suggestFor = (table: ReadTable, mapping: ImportMapping) => (columns: ImportMapping['columns']) =>
  proposeMapping(table, { ...mapping, columns }).mapping.values;

/** The mapping the mapping page posted, with an issue on each select still to choose (import-form.ts). */
export const postedMapping = (state: MappingState, body: Record<string, unknown>) =>
  mappingFromForm(body, state.table, suggestFor(state.table, state.mapping));

/**
 * The mapping page's locals. Without `body`: the state's mapping. With the posted `body` (the page
 * shown again with errors): what the person chose, and the words of any column newly mapped.
 */
export function mappingPageLocals(state: MappingState, body?: Record<string, unknown>, using?: string) {
  const { table } = state;
  let values: DistinctValues;
  let form: Record<string, string>;
  if (body) {
    ({ values, form } = postedMapping(state, body));
  } else {
    values = valuesToMatch(table, state.mapping);
    form = formFromMapping(table.headers, values, state.mapping);
  }
  const select = (
    options: readonly { value: string; text: string }[],
    chosen: string | undefined,
    placeholder?: string,
  ) => [
    ...(placeholder ? [{ value: '', text: placeholder }] : []),
    ...options.map((o) => ({ ...o, selected: o.value === chosen })),
  ];
  return {
    batch: state.batch,
    savedMappings: state.savedMappings,
    using,
    columns: table.headers.map((header, index) => ({
      index,
      header,
      samples: samplesOf(table, index),
      items: select(columnOptions, form[`column-${index}`]),
    })),
    valueGroups: valueKinds
      .filter((g) => values[g.kind].length > 0)
      .map((g) => ({
        kind: g.kind,
        heading: g.heading,
        values: values[g.kind].map((v, i) => ({
          ...v,
          items: select(g.options, form[`${g.kind}-${i}`], 'Choose'),
        })),
      })),
    // Not `values`: on an error the error handler sets that to the raw body, whose indexes may be stale.
    form: { ...form, saveAs: typeof body?.saveAs === 'string' ? body.saveAs : '' },
  };
}

/** The committee table's measures, in its order, for the "what the import would add" table. */
export const gainMeasures = [
  { key: 'enquiries', label: 'Enquiries' },
  { key: 'initialVisits', label: 'Initial visits' },
  { key: 'applications', label: 'Applications' },
  { key: 'applicationsEnded', label: 'Applications ended' },
  { key: 'approvals', label: 'Approvals' },
  { key: 'transfersIn', label: 'Transfers in' },
  { key: 'deregistrations', label: 'Deregistrations' },
];

/** Problems shown on the page; the CSV download has them all. */
export const PROBLEMS_ON_PAGE = 500;

/** The batch page's locals: the batch, its report and how far an import has got. */
export function batchPageLocals(batch: ImportBatch, role: Role | null) {
  const report = batch.report as ImportReport | null;
  const flagCounts = new Map<string, number>();
  for (const flag of report?.flags ?? []) flagCounts.set(flag.kind, (flagCounts.get(flag.kind) ?? 0) + 1);
  return {
    batch,
    report,
    statusLabels,
    gainMeasures,
    problemRows: new Set((report?.problems ?? []).map((p) => p.row)).size,
    shownProblems: (report?.problems ?? []).slice(0, PROBLEMS_ON_PAGE),
    flagCounts: [...flagCounts].map(([kind, count]) => ({
      label: flagLabels[kind as keyof typeof flagLabels] ?? kind,
      count,
    })),
    percent: batch.rowsReady > 0 ? Math.floor((100 * batch.rowsImported) / batch.rowsReady) : 0,
    canOpenHouseholds: can(role, 'households'),
  };
}
