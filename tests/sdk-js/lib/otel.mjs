// The OpenTelemetry setup the Langfuse v4+/v5 SDK documents for Node: a tracer provider with the
// LangfuseSpanProcessor, registered globally so active-span context flows through async calls.
import { diag, DiagLogLevel } from "@opentelemetry/api";
import { setGlobalErrorHandler } from "@opentelemetry/core";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { LangfuseSpanProcessor } from "@langfuse/otel";
import { problem } from "./harness.mjs";

/**
 * Starts tracing to the server; call the returned shutdown before exit so every span is exported. SpanProcessor
 * lets a scenario bring the processor of another SDK generation (the v4 package installed under an alias).
 */
export function startTracing({ baseUrl, publicKey, secretKey }, { environment, release, SpanProcessor = LangfuseSpanProcessor } = {}) {
  // Exporter failures end up in OpenTelemetry's diagnostics and global error handler, not in an exception.
  diag.setLogger({
    error: (...args) => problem("otel diag error", ...args),
    warn: (...args) => problem("otel diag warn", ...args),
    info: () => {},
    debug: () => {},
    verbose: () => {},
  }, DiagLogLevel.WARN);
  setGlobalErrorHandler((error) => problem("otel export", error));

  const processor = new SpanProcessor({ baseUrl, publicKey, secretKey, environment, release, timeout: 10 });
  const provider = new NodeTracerProvider({ spanProcessors: [processor] });
  provider.register();
  return {
    async shutdown() {
      // forceFlush rejects when an export fails; shutdown then drains whatever is left.
      await processor.forceFlush();
      await provider.shutdown();
    },
  };
}
