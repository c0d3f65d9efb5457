// A subscriber, as a front-end or an integration would write one with the graphql-ws library: connects to a
// server's /graphql over WebSocket with the token in connection_init, subscribes, and prints one JSON line per
// event on stdout ({"event": "connected" | "next" | "error" | "complete" | "closed", ...}) until the socket
// closes or the process is stopped.
//
//   node subscribe.mjs <ws URL> <token or ""> <document> [variables as JSON]
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const [url, token, query, variables] = process.argv.slice(2);
const print = (line) => process.stdout.write(JSON.stringify(line) + "\n");

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  lazy: false,
  retryAttempts: 0,
  connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  on: {
    connected: () => print({ event: "connected" }),
    closed: (event) => {
      print({ event: "closed", code: event.code, reason: event.reason });
      process.exit(0);
    },
  },
});

client.subscribe(
  { query, variables: variables ? JSON.parse(variables) : {} },
  {
    next: (payload) => print({ event: "next", payload }),
    error: (error) => print({ event: "error", error: error?.message ?? error?.reason ?? String(error), code: error?.code }),
    complete: () => print({ event: "complete" }),
  },
);
