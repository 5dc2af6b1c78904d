// Shared plumbing for the scenario scripts: connection settings from the environment, a record of every
// problem the SDKs report (they log export failures instead of throwing), and one JSON line on stdout.
import { randomBytes } from "node:crypto";

const problems = [];
// While expectFailure runs an action, what the SDKs log is that action's evidence, not a problem.
let expected = null;

/** Base URL and keys, under the names the Langfuse SDKs read themselves. */
export function settings() {
  const baseUrl = process.env.LANGFUSE_BASE_URL ?? process.env.LANGFUSE_BASEURL ?? process.env.LANGFUSE_HOST;
  const publicKey = process.env.LANGFUSE_PUBLIC_KEY;
  const secretKey = process.env.LANGFUSE_SECRET_KEY;
  const missing = [
    ["LANGFUSE_BASE_URL", baseUrl],
    ["LANGFUSE_PUBLIC_KEY", publicKey],
    ["LANGFUSE_SECRET_KEY", secretKey],
  ].filter(([, value]) => !value).map(([name]) => name);
  if (missing.length > 0) {
    throw new Error(`missing environment variable(s): ${missing.join(", ")}`);
  }

  return { baseUrl: baseUrl.replace(/\/+$/, ""), publicKey, secretKey };
}

/** A short random suffix so names and session ids never collide between runs. */
export function suffix() {
  return randomBytes(4).toString("hex");
}

/** Records a problem; any recorded problem makes the script exit non-zero after it has printed them. */
export function problem(source, ...details) {
  problems.push(`${source}: ${details.map(describe).join(" ")}`);
}

function describe(value) {
  if (value instanceof Error) {
    return value.stack ?? value.message;
  }

  if (typeof value === "string") {
    return value;
  }

  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * The SDKs report failed exports through console.error / console.warn (their loggers write there); both
 * count as failures here, and still reach stderr for the test's failure message.
 */
function watchConsole() {
  for (const level of ["error", "warn"]) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      if (expected) {
        expected.push(args.map(describe).join(" "));
        return;
      }

      problem(`console.${level}`, ...args);
      original(...args);
    };
  }

  process.on("unhandledRejection", (reason) => problem("unhandled rejection", reason));
  process.on("uncaughtException", (error) => problem("uncaught exception", error));
}

/**
 * Runs an action that is meant to fail: resolves to what it threw (null when it returned) and what the SDK logged
 * through console.error / console.warn meanwhile, which then does not count as a problem of the run.
 */
export async function expectFailure(action) {
  const logged = [];
  expected = logged;
  try {
    await action();
    return { error: null, logged };
  } catch (error) {
    return { error, logged };
  } finally {
    expected = null;
  }
}

/**
 * Runs the scenario, prints its result as one JSON line, and exits with a code from what was recorded. Exiting
 * explicitly keeps a failed run from hanging on a timer or socket an SDK left open.
 */
export async function run(scenario) {
  watchConsole();
  let result;
  try {
    result = await scenario();
  } catch (error) {
    problem("scenario failed", error);
  }

  if (problems.length > 0) {
    process.stderr.write(`${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}\n`);
    process.exit(1);
  }

  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}
