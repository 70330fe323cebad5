import { Directive, Field, ObjectType } from "type-graphql";

/**
 * A calendar quarter of public statistics, owned by the oversight subgraph: this subgraph adds
 * the figures whose facts it owns (`caseFigures`), with only the key field declared here.
 */
@Directive('@key(fields: "quarter")')
@ObjectType({
  description:
    "A calendar quarter (UTC) of public programme statistics. Each subgraph adds the figures it owns; only a quarter that is over has figures (a count that grows during the quarter would tell who arrived today).",
})
export class StatisticsQuarter {
  @Field({ description: "The quarter, as YYYY-Qn (Q1 = January to March)." })
  quarter: string;
}
