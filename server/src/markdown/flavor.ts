// Which Markdown a file is written in, from its name: a module of its own so that code which only needs to know
// (caches, file lists) does not load the parser.
export type Flavor = 'markdown' | 'mdx';

export function flavorOf(path: string): Flavor {
  return /\.mdx$/i.test(path) ? 'mdx' : 'markdown';
}
