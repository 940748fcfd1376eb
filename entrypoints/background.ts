import { startBackground } from '../lib/background/background-main';

export default defineBackground(() => {
  startBackground();
});
