// A tiny OpenAI-compatible server on loopback: POST /v1/chat/completions answers one fixed completion with usage,
// including cached prompt tokens, so the wrapper's usage mapping and the server's cost table both get exercised.
import { createServer } from "node:http";

export const FAKE_COMPLETION = {
  model: "gpt-4o-mini-2024-07-18",
  content: "Paris is the capital of France.",
  usage: {
    prompt_tokens: 1000,
    completion_tokens: 200,
    total_tokens: 1200,
    prompt_tokens_details: { cached_tokens: 400 },
  },
};

/** Starts the server on a free loopback port; resolves to { baseURL, requests, close }. */
export async function startFakeOpenAI() {
  const requests = [];
  const server = createServer(async (req, res) => {
    let text = "";
    for await (const chunk of req) {
      text += chunk;
    }

    const answer = (status, body) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      answer(404, { error: { message: `unexpected ${req.method} ${req.url}` } });
      return;
    }

    let body;
    try {
      body = JSON.parse(text);
    } catch {
      answer(400, { error: { message: "body is not JSON" } });
      return;
    }

    requests.push(body);
    answer(200, {
      id: `chatcmpl-fake-${requests.length}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: FAKE_COMPLETION.model,
      choices: [{ index: 0, message: { role: "assistant", content: FAKE_COMPLETION.content }, finish_reason: "stop" }],
      usage: FAKE_COMPLETION.usage,
    });
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
