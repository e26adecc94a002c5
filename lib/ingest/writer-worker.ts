import { parentPort, workerData } from "node:worker_threads";
import { openDriver } from "../db/driver";
import { Outbox, toWire, type FromWorker, type ToWorker } from "./worker-protocol";
import { IngestWriter } from "./writer";

// The ingestion worker thread (started by worker-client.ts): the group-commit writer with its own
// connection pool. Webhook requests are verified and parsed here too (webhooks/accept.ts), and
// receipts merged and committed, so the HTTP thread mostly reads requests and answers them.

const port = parentPort!;
const driver = openDriver({ databaseUrl: (workerData as { databaseUrl: string }).databaseUrl, dataDir: "" });
const outbox = new Outbox<FromWorker>(port);
const post = (m: FromWorker) => outbox.post(m);
const writer = new IngestWriter(
  () => driver.then((d) => ({ driver: d })),
  undefined,
  (notice) => post({ notice }),
);

function take(m: ToWorker): Promise<Extract<FromWorker, { result: unknown }>["result"]> {
  if ("webhook" in m) return writer.submitWebhook(m.webhook);
  if ("batch" in m) return writer.submitBatch(m.batch);
  return writer.submit(m.item);
}

port.on("message", (m: ToWorker) => {
  take(m).then(
    (result) => post({ id: m.id, result }),
    (err: unknown) => post({ id: m.id, error: toWire(err) }),
  );
});
