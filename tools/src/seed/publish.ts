/**
 * The last step of seeding, which only the running platform can take: the Ombudsperson publishes
 * the programme's assessments of the earlier quarters through the gateway, exactly as a person
 * would (`moveImpactAssessment`), so that their frozen indicators are the public figures the
 * graph gives for the seeded data, each publication is audited, its recommendations become
 * action items and the quarter's public report is stored. Nothing is invented by the seed.
 */
const PUBLISH = `mutation PublishSeededAssessment($id: ID!) {
  moveImpactAssessment(id: $id, status: PUBLISHED) { quarter status indicatorsFrozen }
}`;

/** The subject the seed's publications are recorded under in the audit trail. */
export const SEED_OMBUDSPERSON_SUB = "seed-ombudsperson";

export interface PublishSeededOptions {
  /** The gateway's `/graphql`. */
  graphUrl: string;
  /** A token of the `ombudsperson` role (the development issuer's, in `npm start` and `npm run seed`). */
  token: string;
  /** From `runSeed`: oldest first. */
  ids: readonly string[];
  progress: (line: string) => void;
}

/** Publishes each assessment in turn; stops at the first refusal, naming it (the rest stay in consultation). */
export async function publishSeededAssessments(options: PublishSeededOptions): Promise<string[]> {
  const published: string[] = [];
  for (const id of options.ids) {
    let body: { data?: { moveImpactAssessment?: { quarter: string; indicatorsFrozen: boolean } }; errors?: unknown };
    try {
      const response = await fetch(options.graphUrl, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${options.token}` },
        body: JSON.stringify({ query: PUBLISH, variables: { id } }),
        signal: AbortSignal.timeout(60_000),
      });
      body = (await response.json()) as typeof body;
    } catch (err) {
      throw new Error(`publishing impact assessment ${id}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const moved = body.data?.moveImpactAssessment;
    if (body.errors || !moved?.indicatorsFrozen) {
      throw new Error(`publishing impact assessment ${id} was refused: ${JSON.stringify(body.errors ?? body.data)}`);
    }
    published.push(moved.quarter);
    options.progress(
      `published the programme's impact assessment of ${moved.quarter} (${published.length}/${options.ids.length})`,
    );
  }
  return published;
}
