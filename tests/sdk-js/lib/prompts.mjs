// The prompts both prompt scenarios create, and how they report a prompt the SDK handed back. prompts-v3.mjs and
// prompts-client.mjs drive the same story through two SDK generations, so the test checks one set of answers.

/** A folder name: the SDKs must percent-encode the slash in the path. */
export const GREETING = "sdk/greeting";

export const GREETING_V1 = "Hello {{name}}, welcome to {{place}}.";
export const GREETING_V2 = "Hi {{name}}! You made it to {{place}}.";
export const GREETING_VARIABLES = { name: "Ada", place: "Paris" };

export const SUPPORT_CHAT = "support-chat";
export const SUPPORT_CHAT_MESSAGES = [
  { role: "system", content: "You are {{persona}}. Answer in {{language}}." },
  { type: "placeholder", name: "history" },
  { role: "user", content: "{{question}}" },
];
export const SUPPORT_CHAT_VARIABLES = { persona: "a billing assistant", language: "French", question: "Why was I charged twice?" };
export const SUPPORT_CHAT_HISTORY = [
  { role: "user", content: "Hello" },
  { role: "assistant", content: "Hi! How can I help?" },
];

/** A three-level composition: a chat prompt embeds a text prompt by version, which embeds another by label. */
export const TONE = "shared/tone";
export const TONE_TEXT = "Keep it {{tone}}.";
export const PERSONA = "billing-persona";
export const PERSONA_TEXT = "You help with {{topic}}. @@@langfusePrompt:name=shared/tone|label=production@@@";
export const BILLING_CHAT = "billing-chat";
export const BILLING_CHAT_MESSAGES = [
  { role: "system", content: "@@@langfusePrompt:name=billing-persona|version=1@@@ Reply to {{customer}}." },
  { role: "user", content: "{{question}}" },
];
export const BILLING_CHAT_VARIABLES = { topic: "invoices", tone: "short", customer: "Grace", question: "Where is my invoice?" };

/** Two prompts that would reference each other once the second version of the first is created. */
export const CYCLE_B = "cycle-b";
export const CYCLE_A = "cycle-a";

/** What the SDK's prompt client holds: the fields an application reads, plus the server's id for the version. */
export function describePrompt(prompt) {
  return {
    id: prompt.promptResponse.id,
    name: prompt.name,
    version: prompt.version,
    type: prompt.type,
    labels: prompt.labels,
    tags: prompt.tags,
    config: prompt.config,
    commitMessage: prompt.commitMessage ?? null,
    isFallback: prompt.isFallback,
    prompt: prompt.prompt,
  };
}

/** A resolution graph with ids replaced by name and version, which the test knows in advance. */
export function describeGraph(graph) {
  if (!graph) {
    return null;
  }

  const names = new Map([[graph.root.id, `${graph.root.name} v${graph.root.version}`]]);
  for (const children of Object.values(graph.dependencies)) {
    for (const child of children) {
      names.set(child.id, `${child.name} v${child.version}`);
    }
  }

  return {
    root: names.get(graph.root.id),
    dependencies: Object.fromEntries(
      Object.entries(graph.dependencies).map(([parent, children]) => [names.get(parent) ?? `unknown ${parent}`, children.map((c) => names.get(c.id))]),
    ),
  };
}
