// The popup's list before anything is typed: the glossary by category.
import { CATEGORIES, CATEGORY_LABELS, type Category, type GlossaryEntry } from '../glossary/types';
import { byTerm } from './rank';

export interface CategoryGroup {
  category: Category;
  label: string;
  entries: GlossaryEntry[];
}

/** Categories in CATEGORIES order (empty ones left out), entries A–Z within each. */
export function browseByCategory(entries: readonly GlossaryEntry[]): CategoryGroup[] {
  return CATEGORIES.map((category) => ({
    category,
    label: CATEGORY_LABELS[category],
    entries: entries.filter((e) => e.category === category).sort(byTerm),
  })).filter((g) => g.entries.length > 0);
}
