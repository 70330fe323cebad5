import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";

interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels?: { severity?: string };
  annotations?: { summary?: string; action?: string };
}

/**
 * The runbook section of docs/operations.md: the hand-written text of tools/src/runbook/runbook.md
 * with one row per alerting rule of deploy/prometheus/alerts.yml in place of `<!-- alerts -->`,
 * so the table lists exactly the rules Prometheus is given.
 */
export function runbookDoc(root: string): string {
  const text = fs.readFileSync(path.join(root, "tools", "src", "runbook", "runbook.md"), "utf8");
  const rules = (
    parseYaml(fs.readFileSync(path.join(root, "deploy", "prometheus", "alerts.yml"), "utf8")) as {
      groups: { rules: AlertRule[] }[];
    }
  ).groups.flatMap((group) => group.rules);
  const cell = (value: string) => value.replace(/\|/g, "\\|").replace(/\{\{ \$labels\.(\w+) \}\}/g, "*$1*");
  const table = [
    "| alert | severity | fires when | what to do |",
    "|---|---|---|---|",
    ...rules.map(
      (rule) =>
        `| \`${rule.alert}\` | ${rule.labels?.severity ?? ""} | ${cell(rule.annotations?.summary ?? "")} (\`${cell(rule.expr)}\`${rule.for && rule.for !== "0m" ? ` for ${rule.for}` : ""}) | ${cell(rule.annotations?.action ?? "")} |`,
    ),
  ].join("\n");
  return text.replace("<!-- alerts -->", table);
}
