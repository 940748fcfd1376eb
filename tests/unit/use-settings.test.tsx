import { act } from 'react';
import { afterEach, expect, it } from 'vitest';
import { type SettingsSource, useSettings } from '../../components/use-settings';
import { defaultSettings, type Settings } from '../../lib/settings/settings';
import { type Mounted, mount } from './react-harness';

function Probe({ source }: { source: SettingsSource }) {
  const { settings, failed } = useSettings(source);
  return <p>{failed ? 'failed' : (settings?.highlightStyle ?? 'loading')}</p>;
}

/** A storage whose first read answers when the test says, and whose watcher the test can fire. */
function slowSource() {
  let answerRead: (s: Settings) => void = () => {};
  let failRead: () => void = () => {};
  let watcher: (s: Settings) => void = () => {};
  const source: SettingsSource = {
    loadSettings: () =>
      new Promise<Settings>((resolve, reject) => {
        answerRead = resolve;
        failRead = () => reject(new Error('no storage'));
      }),
    watchSettings: (onChange) => {
      watcher = onChange;
      return () => {
        watcher = () => {};
      };
    },
  };
  const style = (highlightStyle: Settings['highlightStyle']) => ({ ...defaultSettings(), highlightStyle });
  return {
    source,
    read: (s: Settings['highlightStyle']) => act(async () => answerRead(style(s))),
    fail: () => act(async () => failRead()),
    change: (s: Settings['highlightStyle']) => act(async () => watcher(style(s))),
  };
}

let m: Mounted | undefined;
afterEach(async () => {
  await m?.unmount();
  m = undefined;
});

it('shows the first read', async () => {
  const s = slowSource();
  m = await mount(<Probe source={s.source} />);
  expect(m.container.textContent).toBe('loading');
  await s.read('background');
  expect(m.container.textContent).toBe('background');
});

it('never lets a slow first read overwrite a newer value from the watcher', async () => {
  const s = slowSource();
  m = await mount(<Probe source={s.source} />);
  await s.change('hover-only'); // changed in another window while the read was in flight
  await s.read('underline'); // the older stored value arrives late
  expect(m.container.textContent).toBe('hover-only');
});

it('follows later changes and reports a failed read', async () => {
  const s = slowSource();
  m = await mount(<Probe source={s.source} />);
  await s.fail();
  expect(m.container.textContent).toBe('failed');
  const t = slowSource();
  await m.unmount();
  m = await mount(<Probe source={t.source} />);
  await t.read('underline');
  await t.change('background');
  expect(m.container.textContent).toBe('background');
});
