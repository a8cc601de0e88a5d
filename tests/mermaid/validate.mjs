// Parse Mermaid diagrams with Mermaid's own parser, offline.
// Input (stdin): a JSON array of diagram texts. Output (stdout): a JSON array with, for each one,
// {"ok": true, "type": "<diagram type>"} or {"ok": false, "error": "<first line of the error>"}.
//
// mermaid.parse() needs no browser, except that Mermaid registers DOMPurify hooks when it loads
// a diagram; DOMPurify without a window has no hook functions. Parsing never sanitises anything
// (that happens when drawing), so no-op hooks are enough.
import DOMPurify from 'dompurify';

DOMPurify.addHook = () => {};
DOMPurify.removeHook = () => {};
DOMPurify.removeHooks = () => {};
DOMPurify.sanitize = (text) => String(text);

const { default: mermaid } = await import('mermaid');

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const text of JSON.parse(input)) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ ok: true, type: parsed.diagramType });
  } catch (error) {
    results.push({ ok: false, error: String(error?.message ?? error).split('\n').slice(0, 4).join(' | ') });
  }
}
process.stdout.write(JSON.stringify(results));
