import { campaignRecordDatasets } from './export-dictionary-campaigns-records.ts';
import { caseworkDatasets } from './export-dictionary-casework.ts';
import { eventPanelDatasets } from './export-dictionary-events-panels.ts';
import { hubDatasets } from './export-dictionary-hubs.ts';
import { retentionRequestDatasets } from './export-dictionary-retention-requests.ts';
import { serviceImportDatasets } from './export-dictionary-service-imports.ts';
import { workSettingDatasets } from './export-dictionary-work-settings.ts';

/**
 * The data dictionary of the "export everything" download (issue 14, item 7): every file of the ZIP
 * (and every dataset of `GET /api/v1/export`), what one row is, and what each column means, in plain
 * English. The repository's selections (export.repo.ts) are typed against this list, so a column
 * cannot be exported without being described here, nor described without being exported.
 *
 * What is left out, table by table and column by column, and why, is listed in not-exported.ts; a
 * test (tests/export/export-completeness.test.ts) fails on any column of the database in neither.
 *
 * Each group of datasets is described in its own file (export-dictionary-*.ts); this is all of them,
 * in the order of the files of the ZIP.
 */
export const datasets = [
  ...serviceImportDatasets,
  ...caseworkDatasets,
  ...hubDatasets,
  ...eventPanelDatasets,
  ...retentionRequestDatasets,
  ...workSettingDatasets,
  ...campaignRecordDatasets,
] as const;

export type Dataset = (typeof datasets)[number];
export type DatasetName = Dataset['name'];
/** The columns of one dataset, by name. */
export type ColumnOf<N extends DatasetName> = keyof Extract<Dataset, { name: N }>['columns'] & string;

export const datasetNames = datasets.map((d) => d.name) as DatasetName[];
export const columnsOf = (dataset: Dataset) => Object.keys(dataset.columns);
