// Apollo Client 3 against a live server, as a real app would use it: automatic persisted
// queries over GET, and the timeline walked with relayStylePagination + fetchMore.
// Prints one JSON object: {runs: [{requests, slugs}], ...}; tests/test_apollo.py asserts.
// Usage: node apollo.mjs http://127.0.0.1:8000/graphql
import { createHash } from "node:crypto";

import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client/core/index.js";
import { createPersistedQueryLink } from "@apollo/client/link/persisted-queries/index.js";
import { relayStylePagination } from "@apollo/client/utilities/index.js";

const url = process.argv[2];
if (!url) {
  console.error("usage: node apollo.mjs <graphql url>");
  process.exit(2);
}

const TIMELINE = gql`
  query Timeline($after: String) {
    events(first: 5, after: $after) {
      edges {
        cursor
        node {
          slug
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`;

// What each request looked like on the wire, and what came back.
function recordingFetch(requests) {
  return async (input, init = {}) => {
    const target = new URL(typeof input === "string" ? input : input.url);
    const method = (init.method || "GET").toUpperCase();
    const sent = method === "GET" ? Object.fromEntries(target.searchParams) : JSON.parse(init.body);
    const extensions =
      typeof sent.extensions === "string" ? JSON.parse(sent.extensions) : sent.extensions;
    const response = await fetch(input, init);
    const body = await response.clone().json();
    requests.push({
      method,
      sentQuery: typeof sent.query === "string" && sent.query.length > 0,
      sentHash: Boolean(extensions?.persistedQuery?.sha256Hash),
      status: response.status,
      cacheControl: response.headers.get("cache-control"),
      errorCodes: (body.errors || []).map((error) => error.extensions?.code),
      errorMessages: (body.errors || []).map((error) => error.message),
    });
    return response;
  };
}

async function run() {
  const requests = [];
  const link = createPersistedQueryLink({
    sha256: (text) => createHash("sha256").update(text).digest("hex"),
    useGETForHashedQueries: true,
  }).concat(new HttpLink({ uri: url, fetch: recordingFetch(requests) }));
  const client = new ApolloClient({
    link,
    cache: new InMemoryCache({
      typePolicies: { Query: { fields: { events: relayStylePagination() } } },
    }),
  });
  const timeline = client.watchQuery({ query: TIMELINE });
  // Subscribed for the whole walk, so each fetchMore's page is merged into the result.
  let subscription;
  let { data } = await new Promise((resolve, reject) => {
    subscription = timeline.subscribe({
      next: (result) => result.loading || resolve(result),
      error: reject,
    });
  });
  let pages = 1;
  while (data.events.pageInfo.hasNextPage) {
    if (pages > 200) throw new Error("the timeline never ends");
    await timeline.fetchMore({ variables: { after: data.events.pageInfo.endCursor } });
    data = timeline.getCurrentResult().data;
    pages += 1;
  }
  subscription.unsubscribe();
  client.stop();
  return {
    pages,
    slugs: data.events.edges.map((edge) => edge.node.slug),
    hasNextPage: data.events.pageInfo.hasNextPage,
    requests,
  };
}

// Two runs, each a fresh client (as two visitors): the second should find its query
// already registered on the server and never send the full text.
const runs = [await run(), await run()];
console.log(JSON.stringify({ runs }));
