declare module 'virtual:ketamine-lens/matcher-index' {
  import type { MatcherIndex } from './matcher';

  const index: MatcherIndex;
  export default index;
}
