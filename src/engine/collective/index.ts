export type { AdoptionEntry, HubJournalEntry, HubStore, StatsContributionRow } from './hubStore';
