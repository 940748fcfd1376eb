import { test } from 'vitest';
import { GLOSSARY } from '../../lib/glossary';
import { createSearch } from '../../lib/search';
test('prof', () => {
  const s = createSearch(GLOSSARY);
  const TYPED = ['ketamine','ketamin','spravto','khole','k hole','disociation','esketamine nasal spray','bladder','respiratory depression','benzodiazepines','samaritans','suicidal thoughts','recovery position','nmda receptor','zzqxj','horse tranquilizer','what is a k-hole and is it dangerous'];
  const KS = TYPED.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));
  const time = (f: () => void, n = 30) => { for (let i=0;i<3;i++) f(); const t=performance.now(); for(let i=0;i<n;i++) f(); return (performance.now()-t)/n; };
  const rows = KS.map(q => ({q, search: time(()=>s.search(q)), sugg: s.search(q).length ? 0 : time(()=>s.suggestions(q))}));
  rows.sort((a,b)=>(b.search+b.sugg)-(a.search+a.sugg));
  for (const r of rows.slice(0,25)) console.log(r.q.padEnd(38), r.search.toFixed(3), r.sugg.toFixed(3));
});
