// Product and brand names in their official spelling (GitHub, NVIDIA, RunPod, `RTX4090` → `RTX 4090`), in prose
// only: a name inside a longer token (a URL, a path, `nvidia-smi`, `torch.cuda`, `pytorch_model.bin`) is not a
// name, and a lower-case command name followed by its arguments (`docker run`, `ollama pull`) is a command.
import { Stage } from './settings';
import { applyStageEdits, type Edit } from './scan';
import type { Work } from './work';

/** Names whose lower-case form is also a command: left alone when an argument follows (`docker run`). */
const COMMANDS = new Set(['docker', 'ollama', 'vllm', 'python', 'git', 'kubectl', 'jupyter', 'aws', 'gradio', 'streamlit']);

export const BUILTIN_NAMES: readonly string[] = [
  // GPUs and vendors
  'NVIDIA', 'GeForce', 'AMD', 'Intel',
  'H100', 'H200', 'H800', 'H20', 'A100', 'A800', 'A10G', 'A6000', 'L40S', 'L40', 'V100', 'B200', 'GB200',
  // cloud and platforms
  'RunPod', 'GitHub', 'GitLab', 'Hugging Face', 'ModelScope', 'AutoDL', 'Colab', 'Kaggle', 'AWS', 'Azure',
  // software
  'Docker', 'Kubernetes', 'CUDA', 'cuDNN', 'TensorRT', 'NCCL', 'PyTorch', 'TensorFlow', 'JAX', 'ComfyUI',
  'Stable Diffusion', 'vLLM', 'Ollama', 'LangChain', 'LlamaIndex', 'OpenAI', 'ChatGPT', 'DeepSeek', 'FastAPI',
  'Gradio', 'Streamlit', 'JupyterLab', 'Jupyter', 'Python', 'JavaScript', 'TypeScript', 'Node.js', 'Git',
  'Ubuntu', 'Linux', 'macOS', 'Windows', 'WSL', 'VS Code', 'Markdown', 'JSON', 'YAML', 'SGLang', 'MindIE',
];

export interface NameMatcher {
  regex: RegExp;
  byKey: Map<string, string>;
}

const keyOf = (s: string) => s.toLowerCase().replace(/[ -]/g, '');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const cache = new Map<string, NameMatcher>();

/** The matcher for the built-in names plus the team's (theirs win on the same letters). */
export function nameMatcher(extra: readonly string[]): NameMatcher {
  const cacheKey = extra.join('\u0000');
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const byKey = new Map<string, string>();
  for (const name of [...BUILTIN_NAMES, ...extra]) if (name.trim()) byKey.set(keyOf(name.trim()), name.trim());
  const patterns = [...byKey.values()].sort((a, b) => b.length - a.length).map((n) => n.split(' ').map(escape).join('[ -]?'));
  // RTX 3090, RTX 4090 Ti, RTX 4080 SUPER: the series name with or without a space.
  patterns.unshift('rtx[ -]?[0-9]{4}(?:[ -]?(?:ti|super))?');
  const regex = new RegExp(`(?<![A-Za-z0-9_./\\\\@#+:\\-$%&=~])(?:${patterns.join('|')})(?![A-Za-z0-9_/\\\\@#+&=~]|[.:\\-][A-Za-z0-9])`, 'gi');
  const matcher = { regex, byKey };
  if (cache.size > 16) cache.clear();
  cache.set(cacheKey, matcher);
  return matcher;
}

function officialOf(matched: string, byKey: Map<string, string>): string | undefined {
  const key = keyOf(matched);
  const rtx = /^rtx([0-9]{4})(ti|super)?$/.exec(key);
  if (rtx) return `RTX ${rtx[1]}${rtx[2] === 'ti' ? ' Ti' : rtx[2] === 'super' ? ' SUPER' : ''}`;
  return byKey.get(key);
}

export function productNames(w: Work, matcher: NameMatcher): void {
  const v = w.view();
  const s = v.text;
  const edits: Edit[] = [];
  matcher.regex.lastIndex = 0;
  for (const m of s.matchAll(matcher.regex)) {
    const a = m.index;
    const b = a + m[0].length;
    const official = officialOf(m[0], matcher.byKey);
    if (!official || m[0] === official) continue;
    let prose = true;
    for (let i = a; i < b; i++) if (!v.isText(i)) prose = false;
    if (!prose) continue;
    // A command with arguments (`docker run`, `python app.py`), or after a shell prompt.
    if (COMMANDS.has(m[0]) && (/^ +[-a-z./]/.test(s.slice(b, b + 3)) || /(?:\$|sudo) +$/.test(s.slice(Math.max(0, a - 6), a)))) continue;
    // Only casing and the space in the name change; anything else would not be the same name.
    const message = { en: `Write “${m[0]}” as “${official}”.`, zh: `“${m[0]}”应写作“${official}”。` };
    const group = w.nextGroup();
    let i = a;
    for (let k = 0; k < official.length; k++) {
      const want = official[k];
      if (want === ' ') {
        if (s[i] === ' ') i++;
        else if (s[i] === '-') edits.push({ j: i++, op: 'rep', text: ' ', stage: Stage.Names, message, group });
        else edits.push({ j: i, op: 'ins', text: ' ', stage: Stage.Names, message, group });
        continue;
      }
      if (s[i] !== want && s[i] !== undefined) edits.push({ j: i, op: 'rep', text: want, stage: Stage.Names, message, group });
      i++;
    }
  }
  applyStageEdits(w, edits);
}
