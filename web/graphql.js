// The one way the UI talks to the API: POST /graphql, and errors with a kind.

export class ApiError extends Error {
  /** kind: "network" (API unreachable), or the GraphQL error's extensions.code. */
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
    throw new ApiError(first.message, extensions.code || "ERROR", extensions.argument || null);
  }
  return body.data;
}
