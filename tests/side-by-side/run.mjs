// Pactes and PostGraphile v5 side by side on one PostgreSQL, driven by wrk: see run.sh, which installs what this
// needs and calls it. Prints, for each question and each round (A B A B), req/s, p50, p99, server CPU per
// request, SQL statements per request and PostgreSQL's CPU per request, then the ratios.
//
// Environment (run.sh sets it): BENCH_PG (a superuser URL of the benchmark cluster, with pg_stat_statements
// loaded), PACTES_BIN, SECONDS, WARMUP, CONNECTIONS, CENTRES (Nord centres in all), FEDERATIONS (extra
// federations), CENTRES_PER_FEDERATION, ONLY (comma-separated question names), PLANS=1 (print the plan PostgreSQL
// ran for each statement Pactes sends to answer each question once, through auto_explain, then measure as usual).

import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";

const env = process.env;
const here = new URL(".", import.meta.url).pathname;
const admin = env.BENCH_PG ?? "postgres://postgres@127.0.0.1:5499/postgres";
const database = env.BENCH_DATABASE ?? "pactes_side_by_side";
const seconds = Number(env.SECONDS ?? 15);
const warmup = Number(env.WARMUP ?? 5);
const connections = Number(env.CONNECTIONS ?? 16);
const nordCentres = Number(env.CENTRES ?? 213);
const extraFederations = Number(env.FEDERATIONS ?? 0);
const centresPerFederation = Number(env.CENTRES_PER_FEDERATION ?? 70);
const only = env.ONLY ? env.ONLY.split(",") : null;
const secret = "a-side-by-side-secret-long-enough-for-hs256";
const pactesPort = 18080;
const graphilePort = 18081;
const work = mkdtempSync(join(tmpdir(), "pactes-side-by-side-"));

const withDatabase = (url, name) => url.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
const withUser = (url, user) => url.replace(/\/\/[^@/]*@/, `//${user}@`);
// Both servers speak to PostgreSQL on this machine in plain text: node-postgres (PostGraphile) does unless told
// otherwise, while sqlx (Pactes) would negotiate TLS with a cluster that offers it (Debian's does), and encrypt
// every statement and row on both sides.
const plain = (url) => `${url}${url.includes("?") ? "&" : "?"}sslmode=disable`;
const owner = withDatabase(admin, database);
const runtime = withUser(owner, "pactes_bench_app");

function psql(url, sql) {
  return execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql], { encoding: "utf8" }).trim();
}

const children = [];
process.on("exit", () => children.forEach((c) => c.kill("SIGTERM")));
process.on("SIGINT", () => process.exit(130));

// Each server logs to a file (as it would to a collector): a pipe that nobody drains while wrk runs
// synchronously would block it.
function start(name, command, args, extraEnv) {
  const log = join(work, `${name}.log`);
  const fd = openSync(log, "a");
  const child = spawn(command, args, { env: { ...env, ...extraEnv }, stdio: ["ignore", fd, fd] });
  child.on("exit", (code) => {
    if (code !== null && code !== 0) console.error(`${name} exited with ${code}; see ${log}`);
  });
  children.push(child);
  return child;
}

async function waitFor(url, body) {
  for (let i = 0; i < 600; i++) {
    try {
      const r = await fetch(url, body ? { method: "POST", headers: { "content-type": "application/json" }, body } : {});
      if (r.ok) return;
    } catch {}
    await delay(100);
  }
  throw new Error(`${url} never answered`);
}

function token(roles, federation = "nord") {
  return execFileSync(env.PACTES_BIN, ["token", "--federation", federation, "--role", roles, "--sub", "bench"], {
    env: { ...env, PACTES_JWT_SECRET: secret },
    encoding: "utf8",
  }).trim();
}

async function gql(port, query, variables = {}, bearer) {
  const headers = { "content-type": "application/json" };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const r = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const json = await r.json();
  if (json.errors) throw new Error(`${JSON.stringify(json.errors)} for ${query}`);
  return json.data;
}

// --- the database, prepared through Pactes ---------------------------------------------------------------

psql(admin, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
psql(admin, `CREATE DATABASE ${database}`);
psql(owner, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
psql(
  admin,
  `DO $$ BEGIN
     IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pactes_runtime') THEN CREATE ROLE pactes_runtime NOLOGIN; END IF;
     IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pactes_bench_app') THEN
       CREATE ROLE pactes_bench_app LOGIN NOSUPERUSER NOBYPASSRLS IN ROLE pactes_runtime;
     END IF;
   END $$`,
);

// AS_OWNER=1 runs Pactes as the tables' owner, which row-level security does not apply to: the difference with
// a normal run is what the policies cost.
const pactesEnv = {
  DATABASE_URL: plain(env.AS_OWNER === "1" ? owner : runtime),
  PACTES_MIGRATION_DATABASE_URL: plain(owner),
  PACTES_DEMO: "1",
  PACTES_WORKERS: "1",
  PACTES_LISTEN: `127.0.0.1:${pactesPort}`,
  PACTES_JWT_SECRET: secret,
  PACTES_COST_BUDGET: "0",
  PACTES_DB_MAX_CONNECTIONS: env.PACTES_DB_MAX_CONNECTIONS ?? "10",
  RUST_LOG: env.RUST_LOG ?? "info",
};
let pactes = start("pactes", env.PACTES_BIN, [], pactesEnv);
await waitFor(`http://127.0.0.1:${pactesPort}/readyz`);

const communes = [
  "Lille", "Roubaix", "Tourcoing", "Villeneuve-d'Ascq", "Wattrelos", "Douai", "Valenciennes", "Maubeuge",
  "Cambrai", "Dunkerque", "Armentières", "Hazebrouck", "Denain", "Anzin", "Lomme", "Hellemmes", "Wasquehal",
  "Croix", "Hem", "Seclin", "Halluin", "Grande-Synthe", "Coudekerque-Branche", "Sin-le-Noble", "Aulnoy-lez-Valenciennes",
];
const territoryNames = ["Métropole lilloise", "Hainaut", "Flandre", "Cambrésis", "Avesnois"];

async function fill(federation, centres, staffRoles = "federation-admin") {
  const bearer = token(staffRoles, federation);
  const existing = await gql(pactesPort, "{ territories(first: 100) { nodes { id name } } centres(first: 1) { totalCount } }", {}, bearer);
  const territories = existing.territories.nodes.map((t) => t.id);
  for (const name of territoryNames) {
    if (territories.length >= 5) break;
    const created = await gql(
      pactesPort,
      "mutation($input: CreateTerritoryInput!) { createTerritory(input: $input) { territory { id } userErrors { code } } }",
      { input: { name: `${name} (${federation})`, kind: "COMMUNE_GROUP" } },
      bearer,
    );
    territories.push(created.createTerritory.territory.id);
  }
  const missing = centres - existing.centres.totalCount;
  const batch = [];
  for (let i = 0; i < missing; i++) {
    const commune = communes[i % communes.length];
    const input = {
      kind: i % 4 === 3 ? "EVS" : "CENTRE_SOCIAL",
      name: `${i % 4 === 3 ? "Espace de vie sociale" : "Centre social"} ${commune} ${Math.floor(i / communes.length) + 1}`,
      commune,
      territoryId: territories[i % territories.length],
    };
    batch.push(
      gql(
        pactesPort,
        "mutation($input: CreateCentreInput!) { createCentre(input: $input) { userErrors { field code message } } }",
        { input },
        bearer,
      ).then((d) => {
        if (d.createCentre.userErrors.length) throw new Error(JSON.stringify(d.createCentre.userErrors));
      }),
    );
    if (batch.length === 8) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
}

const nationalToken = execFileSync(env.PACTES_BIN, ["token", "--role", "national-admin", "--sub", "bench"], {
  env: { ...env, PACTES_JWT_SECRET: secret },
  encoding: "utf8",
}).trim();
for (let f = 0; f < extraFederations; f++) {
  const slug = `bench-${String(f).padStart(2, "0")}`;
  const created = await gql(
    pactesPort,
    "mutation($input: CreateFederationInput!) { createFederation(input: $input) { userErrors { field code message } } }",
    // Départements 21 to 90: no Corsica ("20" is not one).
    { input: { slug, name: `Fédération ${slug}`, kind: "DEPARTMENTAL", departements: [String(21 + (f % 70))] } },
    nationalToken,
  );
  if (created.createFederation.userErrors.length) throw new Error(JSON.stringify(created.createFederation.userErrors));
  await fill(slug, centresPerFederation);
}
await fill("nord", nordCentres);
// As autovacuum would have left it: statistics, and the visibility map that lets an index-only scan skip the heap.
psql(owner, "VACUUM ANALYZE");

// PostGraphile's amber preset only offers conditions on indexed columns, so it cannot leave archived centres out;
// the benchmark's data has none, and both servers are checked to return the same rows.
// --- the questions ----------------------------------------------------------------------------------------

const nordId = psql(owner, "SELECT id FROM federations WHERE slug = 'nord'");
const viewer = token("federation-staff");
const sample = await gql(
  pactesPort,
  '{ centres(first: 1, orderBy: { field: NAME, direction: DESC }) { nodes { id name territory { id } } } }',
  {},
  viewer,
);
const centre = sample.centres.nodes[0];
const centreUuid = psql(owner, `SELECT id FROM centres WHERE federation_id = '${nordId}' AND name = $$${centre.name}$$`);
const territoryUuid = psql(owner, `SELECT territory_id FROM centres WHERE id = '${centreUuid}'`);
const graphileNodeId = Buffer.from(JSON.stringify(["Centre", centreUuid])).toString("base64");

const search = "roubaix";
const questions = [
  {
    name: "list 50 + territory + federation + totalCount",
    pactes: {
      query: "{ centres(first: 50, orderBy: { field: NAME, direction: ASC }) { totalCount nodes { name territory { name } federation { name } } } }",
      rows: (d) => d.centres.nodes.map((c) => [c.name, c.territory?.name, c.federation.name, d.centres.totalCount]),
    },
    graphile: {
      query: `{ allCentres(first: 50, orderBy: [NAME_KEY_ASC, PRIMARY_KEY_ASC], condition: { federationId: "${nordId}" }) { totalCount nodes { name territoryByFederationIdAndTerritoryId { name } federationByFederationId { name } } } }`,
      rows: (d) =>
        d.allCentres.nodes.map((c) => [c.name, c.territoryByFederationIdAndTerritoryId?.name, c.federationByFederationId.name, d.allCentres.totalCount]),
    },
  },
  {
    name: "one centre by id + territory name",
    pactes: {
      query: `{ centre(id: "${centre.id}") { name territory { name } } }`,
      rows: (d) => [[d.centre.name, d.centre.territory?.name]],
    },
    graphile: {
      query: `{ centreByRowId(rowId: "${centreUuid}") { name territoryByFederationIdAndTerritoryId { name } } }`,
      rows: (d) => [[d.centreByRowId.name, d.centreByRowId.territoryByFederationIdAndTerritoryId?.name]],
    },
  },
  {
    name: "node(id:) + territory name",
    pactes: {
      query: `{ node(id: "${centre.id}") { ... on Centre { name territory { name } } } }`,
      rows: (d) => [[d.node.name, d.node.territory?.name]],
    },
    graphile: {
      query: `{ node(id: "${graphileNodeId}") { ... on Centre { name territoryByFederationIdAndTerritoryId { name } } } }`,
      rows: (d) => [[d.node.name, d.node.territoryByFederationIdAndTerritoryId?.name]],
    },
  },
  {
    name: "search name/commune, 50 rows",
    pactes: {
      query: `{ centres(first: 50, filter: { search: "${search}" }, orderBy: { field: NAME, direction: ASC }) { nodes { name commune } } }`,
      rows: (d) => d.centres.nodes.map((c) => [c.name, c.commune]),
    },
    graphile: {
      query: `{ allCentres(first: 50, orderBy: [NAME_KEY_ASC, PRIMARY_KEY_ASC], condition: { federationId: "${nordId}" }, filter: { or: [{ nameKey: { includes: "${search}" } }, { communeKey: { includes: "${search}" } }] }) { nodes { name commune } } }`,
      rows: (d) => d.allCentres.nodes.map((c) => [c.name, c.commune]),
    },
  },
  {
    name: "50 centres of a territory",
    pactes: {
      query: `{ centres(first: 50, filter: { territoryId: "${centre.territory.id}" }, orderBy: { field: NAME, direction: ASC }) { nodes { name commune } } }`,
      rows: (d) => d.centres.nodes.map((c) => [c.name, c.commune]),
    },
    graphile: {
      query: `{ allCentres(first: 50, orderBy: [NAME_KEY_ASC, PRIMARY_KEY_ASC], condition: { federationId: "${nordId}", territoryId: "${territoryUuid}" }) { nodes { name commune } } }`,
      rows: (d) => d.allCentres.nodes.map((c) => [c.name, c.commune]),
    },
  },
].filter((q) => !only || only.some((o) => q.name.startsWith(o)));

// --- PostGraphile ----------------------------------------------------------------------------------------

const node = process.execPath;
const graphile = start("postgraphile", node, [join(here, "node_modules/postgraphile/dist/cli-run.js"), "-C", join(here, "graphile.config.mjs")], {
  DATABASE_URL: plain(owner),
  PORT: String(graphilePort),
  NODE_ENV: "production",
  GRAPHILE_ENV: "production",
});
await waitFor(`http://127.0.0.1:${graphilePort}/graphql`, JSON.stringify({ query: "{ __typename }" }));

// Both answer each question with the same rows.
for (const q of questions) {
  const a = q.pactes.rows(await gql(pactesPort, q.pactes.query, {}, viewer));
  const b = q.graphile.rows(await gql(graphilePort, q.graphile.query));
  if (JSON.stringify(a) !== JSON.stringify(b) || a.length === 0) {
    console.error(`${q.name}: the servers disagree\nPactes:       ${JSON.stringify(a).slice(0, 400)}\nPostGraphile: ${JSON.stringify(b).slice(0, 400)}`);
    process.exit(1);
  }
  q.rows = a.length;
}

// --- plans ------------------------------------------------------------------------------------------------

// The plans of the statements Pactes sends, as PostgreSQL ran them (auto_explain, with the actual rows and
// buffers, row-level security included): Pactes is restarted so that its connections load auto_explain.
if (env.PLANS === "1") {
  const logFile = psql(admin, "SELECT pg_current_logfile()") || "";
  const logPath = logFile.startsWith("/") ? logFile : `/var/log/postgresql/postgresql-${psql(admin, "SHOW server_version_num").slice(0, 2)}-bench.log`;
  for (const [setting, value] of [["session_preload_libraries", "auto_explain"], ["auto_explain.log_min_duration", "0"], ["auto_explain.log_analyze", "on"], ["auto_explain.log_buffers", "on"], ["auto_explain.log_timing", "on"]]) {
    psql(admin, `ALTER DATABASE ${database} SET ${setting} = '${value}'`);
  }
  pactes.kill("SIGTERM");
  await new Promise((resolve) => pactes.on("exit", resolve));
  pactes = start("pactes", env.PACTES_BIN, [], pactesEnv);
  await waitFor(`http://127.0.0.1:${pactesPort}/readyz`);
  for (const q of questions) {
    await gql(pactesPort, q.pactes.query, {}, viewer); // the connection's first use sets its tenant
    const before = readFileSync(logPath).length;
    await gql(pactesPort, q.pactes.query, {}, viewer);
    await delay(200); // the log is written by another process
    const logged = readFileSync(logPath).subarray(before).toString("utf8");
    const found = logged
      .split(/^.*LOG:\s+duration: /m)
      .slice(1)
      .filter((p) => p.includes("plan:") && !p.includes("set_config"))
      .map((p) => p.replace(/^\s*Query Text: (.*)$/m, (_, text) => `  Query Text: ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`).trimEnd());
    console.log(`\nPlans for "${q.name}" (${found.length} statement${found.length === 1 ? "" : "s"}):\n${found.map((p) => `duration: ${p}`).join("\n")}`);
  }
  psql(admin, `ALTER DATABASE ${database} RESET ALL`);
  pactes.kill("SIGTERM");
  await new Promise((resolve) => pactes.on("exit", resolve));
  pactes = start("pactes", env.PACTES_BIN, [], pactesEnv);
  await waitFor(`http://127.0.0.1:${pactesPort}/readyz`);
  console.log("");
}

// --- load -------------------------------------------------------------------------------------------------

// The fields of /proc/<pid>/stat after the command's name: state, ppid, … utime (11), stime (12).
const statFields = (pid) => readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
function cpuTicks(pid) {
  const fields = statFields(pid);
  return { user: Number(fields[11]), sys: Number(fields[12]) }; // in clock ticks
}
function rssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Number(line.split(/\s+/)[1]) / 1024;
}
// PostgreSQL's share: the time the cluster's backends (the postmaster's children; both servers keep their
// connections open through a run) spent on a CPU, from the scheduler (nanoseconds, exact, where the ticks of
// /proc/<pid>/stat are sampled); and the machine's steal time, which tells a noisy neighbour.
const postmaster = Number(readFileSync(join(psql(admin, "SHOW data_directory"), "postmaster.pid"), "utf8").split("\n")[0]);
function postgresNanos() {
  const nanos = new Map();
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (Number(statFields(pid)[1]) === postmaster) nanos.set(pid, Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]));
    } catch {} // a process gone meanwhile
  }
  return nanos;
}
// Per backend: node-postgres closes connections idle for 10 s, so PostGraphile's backends of an earlier run end
// during the next one, taking their time out of a plain sum.
function postgresNanosSince(before, after) {
  let nanos = 0;
  for (const [pid, n] of after) nanos += n - (before.get(pid) ?? 0);
  return nanos;
}
function machineTicks() {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const values = fields.map(Number);
  return { total: values.slice(0, 8).reduce((a, b) => a + b, 0), steal: values[7] };
}
const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());

function statements() {
  return Number(
    psql(
      owner,
      `SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
       WHERE d.datname = '${database}' AND s.query NOT ILIKE '%pg_stat_statements%'`,
    ),
  );
}

function script(port, body, bearer) {
  const path = join(work, `q-${port}-${Math.random().toString(36).slice(2)}.lua`);
  const headers = [`wrk.headers["Content-Type"] = "application/json"`];
  if (bearer) headers.push(`wrk.headers["Authorization"] = "Bearer ${bearer}"`);
  writeFileSync(
    path,
    `wrk.method = "POST"\nwrk.body = ${JSON.stringify(JSON.stringify(body))}\n${headers.join("\n")}\n` +
      `function response(status, headers, body) if status ~= 200 then errors = (errors or 0) + 1 end end\n`,
  );
  return path;
}

function parseLatency(text, label) {
  const m = text.match(new RegExp(`^\\s+${label}%\\s+([\\d.]+)(us|ms|s)`, "m"));
  if (!m) return NaN;
  const factor = { us: 0.001, ms: 1, s: 1000 }[m[2]];
  return Number(m[1]) * factor;
}

function wrk(port, lua, duration, conns = connections) {
  const out = execFileSync("wrk", ["-t2", `-c${conns}`, `-d${duration}s`, "--latency", "-s", lua, `http://127.0.0.1:${port}/graphql`], {
    encoding: "utf8",
  });
  const requests = Number(out.match(/(\d+) requests in/)[1]);
  const non2xx = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  return {
    requests,
    non2xx,
    rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)[1]),
    p50: parseLatency(out, "50"),
    p99: parseLatency(out, "99"),
  };
}

function measure(server, q) {
  const { port, pid, lua } = server === "pactes" ? { port: pactesPort, pid: pactes.pid, lua: q.pactesLua } : { port: graphilePort, pid: graphile.pid, lua: q.graphileLua };
  psql(owner, "SELECT pg_stat_statements_reset()");
  const cpu0 = cpuTicks(pid);
  const pg0 = postgresNanos();
  const machine0 = machineTicks();
  const result = wrk(port, lua, seconds);
  const cpu1 = cpuTicks(pid);
  const pg1 = postgresNanos();
  const machine1 = machineTicks();
  const perRequest = (ticks) => (ticks * 1000) / ticksPerSecond / result.requests;
  const stmts = statements();
  if (result.non2xx > 0) throw new Error(`${server}: ${result.non2xx} non-2xx answers to ${q.name}`);
  return {
    ...result,
    cpuMsPerRequest: perRequest(cpu1.user - cpu0.user + cpu1.sys - cpu0.sys),
    sysMsPerRequest: perRequest(cpu1.sys - cpu0.sys),
    postgresMsPerRequest: postgresNanosSince(pg0, pg1) / 1e6 / result.requests,
    stealPercent: (100 * (machine1.steal - machine0.steal)) / Math.max(1, machine1.total - machine0.total),
    statementsPerRequest: stmts / result.requests,
  };
}

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "–");
const steal = (r) => (r.stealPercent >= 0.5 ? `  steal ${fmt(r.stealPercent, 1)}%` : "");
const line = (label, r) =>
  `  ${label.padEnd(12)} ${fmt(r.rps).padStart(6)} req/s  p50 ${fmt(r.p50, 2)} ms  p99 ${fmt(r.p99, 2)} ms  CPU ${fmt(r.cpuMsPerRequest, 3)} ms/req (kernel ${fmt(r.sysMsPerRequest, 3)})  ${fmt(r.statementsPerRequest, 2)} statements/req  PostgreSQL ${fmt(r.postgresMsPerRequest, 3)} ms/req${steal(r)}\n`;
console.log(`\nPactes ${env.PACTES_VERSION ?? ""}${env.AS_OWNER === "1" ? " (as the owner: no row-level security)" : ""} vs PostGraphile 5.1.5 (amber, connection-filter), PostgreSQL ${psql(owner, "SHOW server_version")}`);
console.log(`wrk -t2 -c${connections}, ${seconds} s per run after ${warmup} s of warm-up; Nord: ${psql(owner, `SELECT count(*) FROM centres WHERE federation_id = '${nordId}'`)} centres in ${psql(owner, `SELECT count(*) FROM territories WHERE federation_id = '${nordId}'`)} territories; all: ${psql(owner, "SELECT count(*) FROM centres")} centres in ${psql(owner, "SELECT count(*) FROM federations")} federations\n`);
const rows = [];
for (const q of questions) {
  q.pactesLua = script(pactesPort, { query: q.pactes.query }, viewer);
  q.graphileLua = script(graphilePort, { query: q.graphile.query });
  wrk(pactesPort, q.pactesLua, warmup);
  wrk(graphilePort, q.graphileLua, warmup);
  for (let round = 1; round <= 2; round++) {
    const a = measure("pactes", q);
    const b = measure("postgraphile", q);
    rows.push({ q: q.name, round, a, b });
    console.log(
      `${q.name} (${q.rows} rows), round ${round}\n` +
        line("Pactes", a) +
        line("PostGraphile", b) +
        `  Pactes/PostGraphile: throughput ×${fmt(a.rps / b.rps, 2)}, p99 ×${fmt(a.p99 / b.p99, 2)}, CPU per request ×${fmt(a.cpuMsPerRequest / b.cpuMsPerRequest, 2)}`,
    );
  }
}

// Memory with 256 connections open, on the list question.
if (env.MEMORY !== "0" && questions.length) {
  const q = questions[0];
  const sampleRss = (pid) => {
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
    return () => (clearInterval(timer), peak);
  };
  for (const [server, pid, port, lua] of [["Pactes", pactes.pid, pactesPort, q.pactesLua], ["PostGraphile", graphile.pid, graphilePort, q.graphileLua]]) {
    const stop = sampleRss(pid);
    const child = spawn("wrk", ["-t2", "-c256", "-d10s", "-s", lua, `http://127.0.0.1:${port}/graphql`], { stdio: "ignore" });
    await new Promise((resolve) => child.on("exit", resolve));
    console.log(`${server}: resident memory at 256 connections, peak ${fmt(stop(), 1)} MB`);
  }
}

const verdict = rows.every((r) => r.a.rps >= 1.5 * r.b.rps && r.a.p99 <= r.b.p99 && r.a.cpuMsPerRequest <= 0.5 * r.b.cpuMsPerRequest);
console.log(`\nEvery ratio holds (≥ 1.5× throughput, p99 no worse, ≤ half the CPU per request): ${verdict ? "yes" : "no"}`);
process.exit(0);
