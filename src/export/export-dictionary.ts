import { campaignRecordDatasets } from './export-dictionary-campaigns-records.ts';
import { caseworkDatasets } from './export-dictionary-casework.ts';
import { eventPanelDatasets } from './export-dictionary-events-panels.ts';

/**
 * The data dictionary of the "export everything" download (issue 14, item 7): every file of the ZIP
 * (and every dataset of `GET /api/v1/export`), what one row is, and what each column means, in plain
 * English. The repository's selections (export.repo.ts) are typed against this list, so a column
 * cannot be exported without being described here, nor described without being exported.
 *
 * Left out on purpose: passwords, token hashes and the derived matching keys (they can be rebuilt);
 * email subjects and bodies (kept in the service, not part of its records); individual equality
 * monitoring answers, which the service keeps apart from the case and reports only in aggregate.
 *
 * Each group of datasets is described in its own file (export-dictionary-*.ts); this is all of them,
 * in the order of the files of the ZIP.
 */
export const datasets = [...caseworkDatasets, ...eventPanelDatasets, ...campaignRecordDatasets] as const;

export type Dataset = (typeof datasets)[number];
export type DatasetName = Dataset['name'];
/** The columns of one dataset, by name. */
export type ColumnOf<N extends DatasetName> = keyof Extract<Dataset, { name: N }>['columns'] & string;

export const datasetNames = datasets.map((d) => d.name) as DatasetName[];
export const columnsOf = (dataset: Dataset) => Object.keys(dataset.columns);
