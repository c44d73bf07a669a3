/**
 * The travel day: the plan a counsellor enters once a case's travel is booked, what the person is
 * told and reminded of, and their answer ("I will be there", or a problem, which alerts the
 * counsellor at once). Catalogs are data; their words are in `plan:travel.*`.
 */
export const bringItems = ['travel_document', 'iom_papers', 'medicines', 'children_documents', 'warm_clothes'] as const;
export type BringItem = (typeof bringItems)[number];

export const travelProblems = ['health', 'documents', 'transport', 'family', 'other'] as const;
export type TravelProblem = (typeof travelProblems)[number];

export interface TravelPlan {
  caseId: string;
  departsAt: Date;
  timeZone: string;
  meetingPoint: string;
  escort: string;
  bring: BringItem[];
  confirmedAt: Date | null;
  problem: TravelProblem | null;
  problemAt: Date | null;
  enteredBy: string;
  updatedAt: Date;
}

export type NewTravelPlan = Pick<TravelPlan, 'departsAt' | 'timeZone' | 'meetingPoint' | 'escort' | 'bring'>;

/** The travel plan inside the transaction that holds a person's contact. */
export interface TravelTx {
  get(caseId: string): Promise<TravelPlan | null>;
  /** Enters or changes the plan; the person's earlier answer is for the old plan, so it is cleared. */
  save(caseId: string, plan: NewTravelPlan, by: string): Promise<TravelPlan>;
  /** The person will be there. */
  confirm(caseId: string): Promise<void>;
  /** The person has a problem. */
  problem(caseId: string, problem: TravelProblem): Promise<void>;
}

export interface TravelStore {
  ofCase(caseId: string): Promise<TravelPlan | null>;
}

export const parseBring = (value: string): BringItem | null => bringItems.find((i) => i === value) ?? null;
export const parseProblem = (value: unknown): TravelProblem | null => travelProblems.find((p) => p === value) ?? null;
