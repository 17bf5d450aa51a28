import { agencies } from '../agencies/agencies.table.ts';
import { importBatches, importMappings } from '../imports/imports.table.ts';
import { emailTemplateVersions, emailTemplates } from '../templates/templates.table.ts';
import type { serviceImportDatasets } from './export-dictionary-service-imports.ts';
import type { Selections } from './export-selection.ts';

/** The selections of export-dictionary-service-imports.ts, one per dataset. */
export const serviceImportSelections: Selections<(typeof serviceImportDatasets)[number]['name']> = {
  agency: {
    from: agencies,
    agency: agencies.id,
    fields: {
      id: agencies.id,
      name: agencies.name,
      slug: agencies.slug,
      kind: agencies.kind,
      hub_id: agencies.hubId,
      population: agencies.population,
      area_postcode_prefixes: agencies.areaPostcodePrefixes,
      created_at: agencies.createdAt,
    },
  },
  'import-batches': {
    from: importBatches,
    agency: importBatches.agencyId,
    // Not the file (import_files): see not-exported.ts.
    fields: {
      id: importBatches.id,
      file_name: importBatches.fileName,
      file_sha256: importBatches.fileSha256,
      sheet: importBatches.sheet,
      status: importBatches.status,
      mapping: importBatches.mapping,
      options: importBatches.options,
      report: importBatches.report,
      rows_total: importBatches.rowsTotal,
      rows_ready: importBatches.rowsReady,
      rows_imported: importBatches.rowsImported,
      planned_on: importBatches.plannedOn,
      error: importBatches.error,
      created_by: importBatches.createdBy,
      created_at: importBatches.createdAt,
      checked_at: importBatches.checkedAt,
      imported_at: importBatches.importedAt,
      rolled_back_by: importBatches.rolledBackBy,
      rolled_back_at: importBatches.rolledBackAt,
      file_purged_at: importBatches.filePurgedAt,
    },
  },
  'import-mappings': {
    from: importMappings,
    agency: importMappings.agencyId,
    fields: {
      id: importMappings.id,
      name: importMappings.name,
      mapping: importMappings.mapping,
      saved_by: importMappings.savedBy,
      saved_at: importMappings.savedAt,
    },
  },
  'email-templates': {
    from: emailTemplates,
    agency: emailTemplates.agencyId,
    fields: {
      id: emailTemplates.id,
      key: emailTemplates.key,
      name: emailTemplates.name,
      description: emailTemplates.description,
      current_version_id: emailTemplates.currentVersionId,
      created_at: emailTemplates.createdAt,
      updated_at: emailTemplates.updatedAt,
    },
  },
  'email-template-versions': {
    from: emailTemplateVersions,
    agency: emailTemplateVersions.agencyId,
    fields: {
      id: emailTemplateVersions.id,
      template_id: emailTemplateVersions.templateId,
      version: emailTemplateVersions.version,
      subject: emailTemplateVersions.subject,
      body: emailTemplateVersions.body,
      created_by: emailTemplateVersions.createdBy,
      created_at: emailTemplateVersions.createdAt,
    },
  },
};
