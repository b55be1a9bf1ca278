// Product and brand names in their official spelling (GitHub, NVIDIA, RunPod, `RTX4090` → `RTX 4090`), in prose
// only: a name inside a longer token (a URL, a path, `nvidia-smi`, `torch.cuda`, `pytorch_model.bin`) is not a
// name, and a lower-case command name followed by its arguments (`docker run`, `ollama pull`) is a command.
import { Stage } from './settings';
import { applyStageEdits, type Edit } from './scan';
import type { Work } from './work';

/** Names whose lower-case form is also a command: left alone when an argument follows (`docker run`). */
const COMMANDS = new Set(['docker', 'ollama', 'vllm', 'python', 'git', 'kubectl', 'jupyter', 'aws', 'gradio', 'streamlit']);

/** Words that start a command line written in prose (`pip install comfyui`, `sudo apt install nvidia-driver`). */
const SHELL_COMMANDS = new Set([...COMMANDS, 'pip', 'pip3', 'conda', 'npm', 'npx', 'yarn', 'apt', 'apt-get', 'yum', 'brew', 'curl', 'wget', 'sudo', 'runpodctl', 'huggingface-cli', 'ssh', 'bash', 'sh', 'export', 'cd', 'nvcc']);

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
  'GraphQL', 'LoRA', 'SDXL', 'NVLink', 'PCIe',
];

export interface NameMatcher {
  /** Lower-case letters of a name without spaces or hyphens → its official spelling. */
  byKey: Map<string, string>;
  /** Lower-case first words of names of several words (`hugging`, `vs`, `stable`, `rtx`). */
  firstWords: Set<string>;
  /** Finds the words that may start a name (case-insensitive, global). */
  hint: RegExp;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const keyOf = (s: string) => s.toLowerCase().replace(/[ -]/g, '');

const cache = new Map<string, NameMatcher>();

/** The matcher for the built-in names plus the team's (theirs win on the same letters). */
export function nameMatcher(extra: readonly string[]): NameMatcher {
  const cacheKey = extra.join('\u0000');
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const byKey = new Map<string, string>();
  const firstWords = new Set<string>(['rtx']);
  for (const raw of [...BUILTIN_NAMES, ...extra]) {
    const name = raw.trim();
    if (!name) continue;
    byKey.set(keyOf(name), name);
    const words = name.split(/[ -]/);
    if (words.length > 1) firstWords.add(words[0].toLowerCase());
  }
  // Where a name may start: any key or first word, whole (a native scan instead of a look at every word).
  const starts = [...new Set([...byKey.keys(), ...firstWords])].filter((k) => k !== 'rtx').sort((a, b) => b.length - a.length);
  const hint = new RegExp(`(?<![A-Za-z0-9])(?:rtx[0-9]*(?:ti|super)?|${starts.map(escapeRegExp).join('|')})(?![A-Za-z0-9])`, 'gi');
  const matcher = { byKey, firstWords, hint };
  if (cache.size > 16) cache.clear();
  cache.set(cacheKey, matcher);
  return matcher;
}

function officialOf(key: string, byKey: Map<string, string>): string | undefined {
  const rtx = /^rtx([0-9]{4})(ti|super)?$/.exec(key);
  if (rtx) return `RTX ${rtx[1]}${rtx[2] === 'ti' ? ' Ti' : rtx[2] === 'super' ? ' SUPER' : ''}`;
  return byKey.get(key);
}

/** A word: letters and digits, with dots inside (`Node.js`; `torch.cuda` is one word, so not `CUDA`). */
const WORD = /[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*/g;
/** Characters that glue a word to a longer token: a path, a flag, a variable, a URL part, an e-mail. */
const GLUE_BEFORE = /[A-Za-z0-9_./\\@#+:\-$%&=~]/;
const GLUE_AFTER = /[_/\\@#+&=~]/;

export function productNames(w: Work, matcher: NameMatcher): void {
  const v = w.view();
  const s = v.text;
  const edits: Edit[] = [];
  const hint = matcher.hint;
  hint.lastIndex = 0;
  for (let h = hint.exec(s); h; h = hint.exec(s)) {
    WORD.lastIndex = h.index;
    const m = WORD.exec(s);
    if (!m || m.index !== h.index) continue;
    const a = m.index;
    // A colon after Chinese is punctuation (`速度:RunPod` gets a full-width one), not part of a token.
    if (a > 0 && GLUE_BEFORE.test(s[a - 1]) && !(s[a - 1] === ':' && a > 1 && s.charCodeAt(a - 2) >= 0x2e80)) continue;
    let b = a + m[0].length;
    let key = m[0].toLowerCase();
    // Most words are no name and start none.
    if (!matcher.byKey.has(key) && !matcher.firstWords.has(key) && !key.startsWith('rtx')) continue;
    let official = officialOf(key, matcher.byKey);
    // Names of several words: `hugging face`, `vs-code`, `RTX 4090`, `RTX 4090 Ti`.
    if (matcher.firstWords.has(key) || /^rtx[0-9]{4}$/.test(key)) {
      for (let words = 0; words < 2; words++) {
        const sep = s[b] === ' ' || s[b] === '-' ? 1 : 0;
        WORD.lastIndex = b + sep;
        const next = WORD.exec(s);
        if (!next || next.index !== b + sep) break;
        const longer = key + next[0].toLowerCase();
        const found = officialOf(longer, matcher.byKey);
        if (!found) break;
        key = longer;
        official = found;
        b = next.index + next[0].length;
      }
      if (hint.lastIndex < b) hint.lastIndex = b;
    }
    if (!official || s.slice(a, b) === official) continue;
    if (b < s.length && (GLUE_AFTER.test(s[b]) || ((s[b] === ':' || s[b] === '-') && /[A-Za-z0-9]/.test(s[b + 1] ?? '')))) continue;
    let prose = true;
    for (let i = a; i < b; i++) if (!v.isText(i)) prose = false;
    if (!prose) continue;
    const matched = s.slice(a, b);
    // A command with arguments (`docker run`, `python app.py`), or after a shell prompt.
    if (COMMANDS.has(matched) && (/^ +[-a-z./]/.test(s.slice(b, b + 3)) || /(?:\$|sudo) +$/.test(s.slice(Math.max(0, a - 6), a)))) continue;
    // A word inside a command written as prose (`docker run -it ubuntu`): the run of Latin text around it starts
    // with a command and its argument, or carries an option (`-it`, `--gpus`).
    if (inCommand(s, a, b)) continue;
    // A quoted literal (`"runtime": "nvidia"`): Chinese prose quotes with “”, straight quotes hold values.
    if ((s[a - 1] === '"' || s[a - 1] === "'") && s[b] === s[a - 1]) continue;
    // Only casing and the space in the name change; anything else would not be the same name.
    const message = { en: `Write “${matched}” as “${official}”.`, zh: `“${matched}”应写作“${official}”。` };
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

/** Whether [a, b) sits in a run of Latin text (up to a CJK character or a line break) that reads as a command. */
function inCommand(s: string, a: number, b: number): boolean {
  let from = a;
  while (from > 0 && s.charCodeAt(from - 1) < 0x2e80 && s[from - 1] !== '\n') from--;
  let to = b;
  while (to < s.length && s.charCodeAt(to) < 0x2e80 && s[to] !== '\n') to++;
  const run = s.slice(from, to).trim();
  if (!/ /.test(run)) return false;
  const first = /^[a-z][a-z0-9-]*/.exec(run)?.[0];
  if (first && SHELL_COMMANDS.has(first) && /^[a-z][a-z0-9-]* +[-a-z./]/.test(run)) return true;
  return /(?:^| )--?[a-z]/.test(run);
}
