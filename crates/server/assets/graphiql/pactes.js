// Starts GraphiQL on this server's endpoint. A token goes in the Headers tab as
// {"Authorization": "Bearer <token>"}; it is not stored unless the user asks GraphiQL to persist headers.
(function () {
  var defaultQuery = [
    "# Pactes GraphQL API.",
    "# Paste a token in the Headers tab below: {\"Authorization\": \"Bearer <token>\"}",
    "# (`pactes token --federation nord --role viewer` mints one in development).",
    "# Without a token, only the public list of federations answers.",
    "",
    "{",
    "  federations {",
    "    slug",
    "    name",
    "  }",
    "}",
    ""
  ].join("\n");
  var fetcher = GraphiQL.createFetcher({ url: window.location.origin + "/graphql" });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: defaultQuery,
      defaultEditorToolsVisibility: "headers",
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false
    })
  );
})();
