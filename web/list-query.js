// A list page's address is read by the server (server/list_filters.py, the exports' parser
// too), never here: the page sends its query string and gets the variables to ask the list
// with, the problems by parameter in words for readers, and the address as the list applies it.

import { gql } from "./graphql.js";

/** The listQuery selection for a page's first request ($query: String! is the address's query string). */
export const listQuery = (list) => `listQuery(list: ${list}, query: $query) {
  variables query problems { parameter value message } countries { code name }
}`;

/** The server's reading of a query string on its own (a form checked before it navigates). */
export async function readListQuery(list, query) {
  return (await gql(`query ListQuery($query: String!) { ${listQuery(list)} }`, { query: String(query) })).listQuery;
}

/** The first problem with each of `parameters`, by parameter: {from: {parameter, value, message}}. */
export function problemsOf(parsed, parameters) {
  const found = {};
  for (const problem of parsed.problems) {
    if (parameters.includes(problem.parameter) && !(problem.parameter in found)) found[problem.parameter] = problem;
  }
  return found;
}
