// OpenAI's documented rules for a fine-tuning training file of chat lines with
// images, as its pages state them. The line rules (openAiLineProblems) are the
// openai format's check (openai.ts), which `validate` runs on every openai.jsonl
// line of a zip. The file rules (openAiFileProblems: at least 10 examples, at
// most 50,000 with images) only a test applies, to `format --openai` output:
// `validate` does not, as an export of fewer than 10 examples is a sound export
// OpenAI would only refuse to train on.
// The pages:
// - https://developers.openai.com/api/docs/guides/supervised-fine-tuning
//   (each line {"messages": [...]}, optionally "tools" and
//   "parallel_tool_calls"; `weight` 0 or 1 on assistant messages; at least 10
//   examples in a file)
// - https://developers.openai.com/api/docs/guides/vision-fine-tuning
//   (images as image_url parts, an http(s) URL or a base64 data URL; JPEG,
//   PNG or WEBP; RGB or RGBA; at most 10 MB each and 10 per example; at most
//   50,000 examples with images; no images in assistant messages). Azure's
//   copy of that page allows 64 images per example; OpenAI's says 10.

export const OPENAI_RULES = { maxImagesPerExample: 10, maxImageBytes: 10 * 1024 * 1024, minExamples: 10, maxImageExamples: 50_000 } as const;

const LINE_KEYS = new Set(['messages', 'tools', 'parallel_tool_calls']);
const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);
const MESSAGE_KEYS: Record<string, ReadonlySet<string>> = {
  system: new Set(['role', 'content', 'name']),
  developer: new Set(['role', 'content', 'name']),
  user: new Set(['role', 'content', 'name']),
  assistant: new Set(['role', 'content', 'name', 'weight', 'tool_calls', 'refusal']),
  tool: new Set(['role', 'content', 'tool_call_id']),
};
const DATA_URL = /^data:image\/(jpeg|png|webp);base64,([A-Za-z0-9+/]*={0,2})$/;
/** Bytes as Latin-1 text, to compare with a format's magic string. */
const latin1 = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));
const MAGIC: Record<string, (b: Uint8Array) => boolean> = {
  png: (b) => latin1(b, 0, 8) === '\x89PNG\r\n\x1a\n',
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8,
  webp: (b) => latin1(b, 0, 4) === 'RIFF' && latin1(b, 8, 12) === 'WEBP',
};

/** The first bytes of base64 data (enough for a header), and the whole data's length, without decoding it all. */
function base64Head(data: string, want: number): { head: Uint8Array; bytes: number } {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  const text = atob(data.slice(0, Math.ceil(want / 3) * 4));
  return { head: Uint8Array.from(text, (c) => c.charCodeAt(0)), bytes: (data.length / 4) * 3 - padding };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A PNG's colour type from its IHDR: 2 is RGB, 6 is RGBA (0 grey, 3 palette, 4 grey with alpha). */
function pngColourType(b: Uint8Array): number | undefined {
  return latin1(b, 12, 16) === 'IHDR' ? b[25] : undefined;
}

function imageProblems(part: Record<string, unknown>, where: string): string[] {
  const image = part.image_url;
  if (!isObject(image) || typeof image.url !== 'string') return [`${where}: image_url.url is not a string`];
  const problems: string[] = [];
  for (const k of Object.keys(image)) if (k !== 'url' && k !== 'detail') problems.push(`${where}: image_url has an unknown key ${k}`);
  if (image.detail !== undefined && !['low', 'high', 'auto'].includes(String(image.detail))) problems.push(`${where}: detail ${String(image.detail)} is not low, high or auto`);
  if (/^https?:\/\//.test(image.url)) return problems;
  const m = DATA_URL.exec(image.url);
  if (!m) return [...problems, `${where}: ${image.url.slice(0, 40)}… is neither an http(s) URL nor a JPEG, PNG or WEBP base64 data URL`];
  if (m[2]!.length % 4 !== 0) return [...problems, `${where}: the base64 data is cut short`];
  const { head, bytes } = base64Head(m[2]!, 32);
  if (!MAGIC[m[1]!]!(head)) problems.push(`${where}: the data is not a ${m[1]!} image`);
  if (bytes > OPENAI_RULES.maxImageBytes) problems.push(`${where}: the image is ${bytes} bytes, over 10 MB`);
  const colour = m[1] === 'png' ? pngColourType(head) : undefined;
  if (colour !== undefined && colour !== 2 && colour !== 6) problems.push(`${where}: PNG colour type ${colour} is not RGB or RGBA`);
  return problems;
}

function contentProblems(role: string, content: unknown, where: string): { problems: string[]; images: number } {
  if (typeof content === 'string') return { problems: [], images: 0 };
  if (!Array.isArray(content)) return { problems: [`${where}: content is neither a string nor a list of parts`], images: 0 };
  const problems: string[] = [];
  let images = 0;
  content.forEach((part: unknown, j) => {
    const at = `${where} part ${j}`;
    if (!isObject(part)) { problems.push(`${at}: not an object`); return; }
    if (part.type === 'text') {
      if (typeof part.text !== 'string') problems.push(`${at}: text is not a string`);
    } else if (part.type === 'image_url') {
      images++;
      if (role !== 'user') problems.push(`${at}: images are not allowed in ${role} messages`);
      problems.push(...imageProblems(part, at));
    } else problems.push(`${at}: part type ${String(part.type)} is neither text nor image_url`);
  });
  return { problems, images };
}

/** Why OpenAI would refuse this training line; empty when it follows the documented rules. */
export function openAiLineProblems(line: unknown, where = 'line'): string[] {
  if (!isObject(line)) return [`${where}: not a JSON object`];
  const problems = Object.keys(line).filter((k) => !LINE_KEYS.has(k)).map((k) => `${where}: unknown key ${k}`);
  const messages = line.messages;
  if (!Array.isArray(messages) || !messages.length) return [...problems, `${where}: messages is not a non-empty list`];
  let images = 0;
  messages.forEach((m: unknown, i) => {
    const at = `${where} message ${i}`;
    if (!isObject(m) || typeof m.role !== 'string' || !ROLES.has(m.role)) { problems.push(`${at}: no known role`); return; }
    for (const k of Object.keys(m)) if (!MESSAGE_KEYS[m.role]!.has(k)) problems.push(`${at}: ${m.role} messages have no key ${k}`);
    if (m.weight !== undefined && m.weight !== 0 && m.weight !== 1) problems.push(`${at}: weight is neither 0 nor 1`);
    if (m.content === undefined && !(m.role === 'assistant' && m.tool_calls)) problems.push(`${at}: no content`);
    else if (m.content !== undefined) {
      const c = contentProblems(m.role, m.content, at);
      problems.push(...c.problems);
      images += c.images;
    }
  });
  if (!messages.some((m) => isObject(m) && m.role === 'assistant')) problems.push(`${where}: no assistant message to learn from`);
  if (images > OPENAI_RULES.maxImagesPerExample) problems.push(`${where}: ${images} images, over ${OPENAI_RULES.maxImagesPerExample} per example`);
  return problems;
}

/** The file's own rules: enough examples, not too many with images. */
export function openAiFileProblems(lines: unknown[]): string[] {
  const problems: string[] = [];
  if (lines.length < OPENAI_RULES.minExamples) problems.push(`${lines.length} examples, OpenAI needs at least ${OPENAI_RULES.minExamples}`);
  const withImages = lines.filter((l) => JSON.stringify(l).includes('"image_url"')).length;
  if (withImages > OPENAI_RULES.maxImageExamples) problems.push(`${withImages} examples with images, over ${OPENAI_RULES.maxImageExamples}`);
  return problems;
}
