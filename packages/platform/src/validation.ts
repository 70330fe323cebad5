import { type ValidationError, validate } from "class-validator";
import { badUserInput } from "./errors";

/**
 * type-graphql's `validateFn`: runs class-validator on every input object and fails with one
 * BAD_USER_INPUT error whose message names every field that is wrong and why.
 */
export async function validateInput(argValue: unknown): Promise<void> {
  if (argValue === null || typeof argValue !== "object") return;
  const values = Array.isArray(argValue) ? argValue : [argValue];
  const problems: { field: string; problem: string }[] = [];
  for (const value of values) {
    if (value === null || typeof value !== "object" || value.constructor === Object) continue;
    const errors = await validate(value as object, { forbidUnknownValues: false });
    collect(errors, "", problems);
  }
  if (problems.length) {
    throw badUserInput(`Invalid input: ${problems.map((p) => `${p.field} ${p.problem}`).join("; ")}.`, {
      invalidFields: problems,
    });
  }
}

function collect(errors: ValidationError[], prefix: string, out: { field: string; problem: string }[]): void {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      // class-validator's messages start with the property name; keep the rest.
      out.push({
        field,
        problem: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
      });
    }
    if (error.children?.length) collect(error.children, field, out);
  }
}
