// The one way the UI talks to the API: POST /graphql, and errors with a kind.

export class ApiError extends Error {
  /**
   * kind: "network" (API unreachable), or the GraphQL error's extensions.code; argument: the
   * input it concerns. The message is the API's, for developers: pages show readers words of
   * their own (views.js readerMessage), never this.
   */
  constructor(message, kind, argument = null) {
    super(message);
    this.kind = kind;
    this.argument = argument;
  }
}

export async function gql(query, variables = {}) {
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError("The accordline API could not be reached.", "network");
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The accordline API answered with HTTP ${response.status}.`, "network");
  }
  if (body.errors && body.errors.length) {
    const [first] = body.errors;
    const extensions = first.extensions || {};
    // extensions.argument names the refused argument (for a variable's value, the
    // variable): pages map an error to their fields by it, never by the message's words.
    throw new ApiError(first.message, extensions.code || "ERROR", extensions.argument || null);
  }
  return body.data;
}

// Lists that grow with the data are Relay connections. A page that shows a whole list asks
// for PAGE_SIZE items (the API's maximum) and follows endCursor for the rest.

/** The largest page the API serves; pages pass it as `$pageSize`. */
export const PAGE_SIZE = 100;

/** What a connection must select for allNodes to continue it. */
export const PAGE_INFO = "pageInfo { hasNextPage endCursor }";

export const nodes = (connection) => connection.edges.map((edge) => edge.node);

/**
 * Every node of a list: `connection` is its first page; `next(after)` resolves to the
 * page after that cursor (the same connection asked for with `after`).
 */
export async function allNodes(connection, next) {
  const all = nodes(connection);
  let page = connection;
  while (page.pageInfo.hasNextPage) {
    page = await next(page.pageInfo.endCursor);
    if (!page.edges.length) break; // a page that adds nothing would loop forever
    all.push(...nodes(page));
  }
  return all;
}
