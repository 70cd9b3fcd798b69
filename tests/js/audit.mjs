// Runs graphql-http's server audits against a live server; prints one JSON array:
// [{id, name, status, reason?, response?}], status one of ok | notice | warn | error.
// Usage: node audit.mjs http://127.0.0.1:8000/graphql
import { serverAudits } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node audit.mjs <graphql url>");
  process.exit(2);
}

const results = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  const entry = { id: result.id, name: result.name, status: result.status };
  if (result.status !== "ok") {
    entry.reason = result.reason;
    const response = result.response;
    entry.response = {
      status: response.status,
      contentType: response.headers.get("content-type"),
      body: await response.text(),
    };
  }
  results.push(entry);
}
console.log(JSON.stringify(results));
