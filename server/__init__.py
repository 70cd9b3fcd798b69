"""accordline: a sourced GraphQL API over the record of diplomatic normalization."""
