import { test } from 'vitest';
import Fuse from 'fuse.js';
import { GLOSSARY } from '../../lib/glossary';
import { createSearch } from '../../lib/search';
test('prof', () => {
  const s = createSearch(GLOSSARY);
  const qs = ['k','ke','ket','keta','ketam','ketamine','spravto','disociation','what is a k-hole and is it dangerous','zzqxj','respiratory depression'];
  const docs = GLOSSARY.map(e=>({term:e.term, aliases:e.aliases.map(a=>a.text), short:e.short, explanation:e.explanation}));
  const variants: Record<string, any> = {
    full: new Fuse(docs,{keys:[{name:'term',weight:4},{name:'aliases',weight:3},{name:'short',weight:0.6},{name:'explanation',weight:0.3}],includeMatches:true,ignoreLocation:true,threshold:0.34,minMatchCharLength:2, ignoreDiacritics:true}),
    nodiac: new Fuse(docs,{keys:[{name:'term',weight:4},{name:'aliases',weight:3},{name:'short',weight:0.6},{name:'explanation',weight:0.3}],includeMatches:true,ignoreLocation:true,threshold:0.34,minMatchCharLength:2}),
    names: new Fuse(docs,{keys:[{name:'term',weight:4},{name:'aliases',weight:3}],includeMatches:true,ignoreLocation:true,threshold:0.34,minMatchCharLength:2}),
    nomatches: new Fuse(docs,{keys:[{name:'term',weight:4},{name:'aliases',weight:3},{name:'short',weight:0.6},{name:'explanation',weight:0.3}],ignoreLocation:true,threshold:0.34}),
  };
  const time = (f: () => void, n = 20) => { for (let i=0;i<3;i++) f(); const t=performance.now(); for(let i=0;i<n;i++) f(); return ((performance.now()-t)/n).toFixed(3); };
  for (const q of qs) {
    const row = [q.padEnd(38), 'search', time(()=>s.search(q)), 'sugg', time(()=>s.suggestions(q))];
    for (const [k,f] of Object.entries(variants)) row.push(k, time(()=>f.search(q)));
    console.log(row.join(' '));
  }
});
