// @langfuse/langchain: a prompt | chat model | parser chain from @langchain/core, run with Langfuse's callback
// handler. The chat model is @langchain/core's FakeListChatModel, given a model name and token usage the way real
// chat models report them, so the generation can be priced.
import { CallbackHandler } from "@langfuse/langchain";
import { AIMessage } from "@langchain/core/messages";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { run, settings, suffix } from "./lib/harness.mjs";
import { startTracing } from "./lib/otel.mjs";

const ANSWER = "Why did the compiler blush? It saw the source.";

class PricedFakeChatModel extends FakeListChatModel {
  invocationParams() {
    return { model: "gpt-4o-mini", temperature: 0.7 };
  }

  _formatGeneration(text) {
    return {
      text,
      message: new AIMessage({
        content: text,
        usage_metadata: { input_tokens: 30, output_tokens: 12, total_tokens: 42 },
        response_metadata: { model_name: "gpt-4o-mini" },
      }),
    };
  }
}

await run(async () => {
  const config = settings();
  const tracing = startTracing(config, { environment: "sdk-langchain" });
  const sessionId = `session-langchain-${suffix()}`;
  const handler = new CallbackHandler({
    userId: "user-langchain",
    sessionId,
    tags: ["sdk-js", "langchain"],
    version: "3.0.1",
    traceMetadata: { team: "jokes" },
  });

  const prompt = ChatPromptTemplate.fromMessages([
    ["system", "You tell short jokes."],
    ["human", "Tell me a joke about {topic}."],
  ]);
  const chain = prompt.pipe(new PricedFakeChatModel({ responses: [ANSWER] })).pipe(new StringOutputParser());
  const output = await chain.invoke({ topic: "compilers" }, { callbacks: [handler], runName: "joke-chain" });
  await tracing.shutdown();

  if (output !== ANSWER) {
    throw new Error(`the chain returned ${JSON.stringify(output)}`);
  }

  if (!handler.last_trace_id) {
    throw new Error("the callback handler recorded no trace id");
  }

  return { traceId: handler.last_trace_id, sessionId, output };
});
