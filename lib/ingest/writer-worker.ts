import { parentPort, workerData } from "node:worker_threads";
import { openDriver } from "../db/driver";
import { toWire, type FromWorker, type ToWorker } from "./worker-protocol";
import { IngestWriter } from "./writer";

// The ingestion worker thread (started by worker-client.ts): the group-commit writer with its own
// connection pool. Merging receipts and talking to PostgreSQL happen here, so the HTTP thread
// only reads, verifies and parses requests.

const port = parentPort!;
// The writer's statements are prepared once per connection, and PostgreSQL may keep a generic
// plan made from the table sizes of that moment: planned on a young database, the key lookups of
// a batch (receipts already logged, deliveries to lock) stayed hash joins over whole tables as
// the tables grew — measured at 0.5 ms per lookup after a few seconds of webhooks, and seconds
// per batch later. Custom plans see the tables' current size on every execution.
const PLANS = "-c plan_cache_mode=force_custom_plan";
const driver = openDriver({
  databaseUrl: (workerData as { databaseUrl: string }).databaseUrl,
  dataDir: "",
  pgOptions: PLANS,
});
const post = (m: FromWorker) => port.postMessage(m);
const writer = new IngestWriter(
  () => driver.then((d) => ({ driver: d })),
  undefined,
  (notice) => post({ notice }),
);

port.on("message", ({ id, item }: ToWorker) => {
  writer.submit(item).then(
    (outcomes) => post({ id, outcomes }),
    (err: unknown) => post({ id, error: toWire(err) }),
  );
});
