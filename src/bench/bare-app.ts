import express from 'express';
import type { Db } from '../db/client.ts';
import { CreateEnquiry } from '../enquiries/enquiries.schema.ts';
import { households } from '../households/households.table.ts';

/**
 * The limit the intake endpoint is compared with: Express, the same zod schema and one single-row
 * insert on the same database and pool, and nothing else (no auth, no duplicate search, no
 * transaction of several tables, no audit, no outbox, no logging).
 */
export function bareApp(db: Db, agencyId: string) {
  const app = express();
  app.use(express.json({ limit: '2mb' }));
  app.post('/api/v1/enquiries', async (req, res) => {
    const parsed = CreateEnquiry.safeParse(req.body);
    if (!parsed.success) {
      res.status(422).json({ error: { code: 'validation' } });
      return;
    }
    const { household } = parsed.data;
    const [row] = await db
      .insert(households)
      .values({ agencyId, postcode: household.postcode, addressLine1: household.addressLine1 ?? null })
      .returning();
    res.status(201).json(row);
  });
  return app;
}
