declare module 'virtual:ketamine-lens/matcher-index' {
  import type { MatcherIndex } from '../lib/matcher';

  const index: MatcherIndex;
  export default index;
}

declare module 'virtual:ketamine-lens/entry-ids' {
  /** Glossary entry ids in matcher index order: entry number → id. */
  const ids: readonly string[];
  export default ids;
}
