import { test } from 'vitest';
import { GLOSSARY } from '../../lib/glossary';
import { createSearch } from '../../lib/search';
test('scratch', () => {
  const s = createSearch(GLOSSARY);
  for (const q of ['ketamin','spravto','khole','k hole','disociation','bladder','ket','k','988','samaritans','suicide','breathing','xyz','special k','cystitis','benzo','esketamine','ketamine', 'what is a k-hole and is it dangerous', 'respiratry depresion', 'snorting', 'mixing alcohol', 'zzqxj']) {
    const r = s.search(q, 5);
    console.log(q.padEnd(14), r.map(x=>`${x.entry.id}[${x.field}:${(x.matchedText ?? '').slice(0,20)}]`).join(' | '));
  }
  console.log('sugg', s.suggestions('xyzzy').map(x=>x.entry.id), s.suggestions('kettle').map(x=>x.entry.id), s.suggestions('zzqxj').map(x=>x.entry.id));
});
