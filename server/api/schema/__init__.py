"""The GraphQL schema: object types, the root Query, and how they are put together
(``schema.schema.create_schema``)."""
