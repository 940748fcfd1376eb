// The popup's ways into the reader pages (entrypoints/popup/ReaderLinks.tsx):
// "Open in Ketamine Lens" only for a tab showing a PDF, "Explain text…" always.
import { afterEach, describe, expect, it } from 'vitest';
import { ReaderLinks } from '../../entrypoints/popup/ReaderLinks';
import { type Mounted, mount } from './react-harness';

let m: Mounted | undefined;
afterEach(async () => {
  await m?.unmount();
  m = undefined;
});

const links = () =>
  [...(m?.container.querySelectorAll('a') ?? [])].map((a) => ({
    text: a.textContent,
    href: a.getAttribute('href'),
    target: a.getAttribute('target'),
  }));

describe('ReaderLinks', () => {
  it('offers the PDF viewer for a tab showing a PDF', async () => {
    const pdf = 'https://example.org/papers/Ketamine review.pdf';
    m = await mount(<ReaderLinks tabUrl={pdf} />);
    expect(links()).toEqual([
      {
        text: 'Open in Ketamine Lens (this PDF, in a new tab)',
        href: `/pdf.html?file=${encodeURIComponent(new URL(pdf).href)}`,
        target: '_blank',
      },
      { text: 'Explain text…', href: '/scan.html', target: '_blank' },
    ]);
  });

  it('offers only the text reader elsewhere, or when the tab hides its URL', async () => {
    m = await mount(<ReaderLinks tabUrl="https://example.org/article.html" />);
    expect(links().map((l) => l.href)).toEqual(['/scan.html']);
    await m.rerender(<ReaderLinks tabUrl={undefined} />);
    expect(links().map((l) => l.href)).toEqual(['/scan.html']);
  });
});
