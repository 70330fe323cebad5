/**
 * Where a process spent its CPU, from a V8 `.cpuprofile` (`node --cpu-prof`): self time by
 * function and by package, idle time left out.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  /** When sampling began, µs on the monotonic clock (`process.hrtime` on Linux). */
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  /** Milliseconds. */
  ms: number;
  /** Share of the profile's non-idle time. */
  share: number;
}

export interface ProfileSummary {
  /** Non-idle milliseconds sampled. */
  busyMs: number;
  functions: SelfTime[];
  packages: SelfTime[];
}

/** The package a script belongs to: `@scope/name` or `name` under node_modules, else node's own or the project's. */
export function packageOf(url: string): string {
  const at = url.lastIndexOf("/node_modules/");
  if (at >= 0) {
    const parts = url.slice(at + "/node_modules/".length).split("/");
    return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith("node:") || (url !== "" && !url.includes("/"))) return "(node)";
  if (url === "") return "(native)";
  const project = /\/(gateway|packages\/\w+|subgraphs\/\w+|tools)\/dist\//.exec(url);
  return project ? `(project ${project[1]})` : "(other)";
}

/**
 * The top self-time functions and packages; with `window` (µs on the monotonic clock, as
 * `process.hrtime.bigint() / 1000n` reads it in any process of the machine) only the samples taken
 * within it, so a process's start-up and warm-up stay out of a measurement's profile.
 */
export function summarizeProfile(profile: CpuProfile, top = 12, window?: { from: number; to: number }): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let busyMicros = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id);
    const micros = profile.timeDeltas[i] ?? 0;
    at += micros;
    if (window && (at < window.from || at > window.to)) return;
    if (!node || node.callFrame.functionName === "(idle)") return;
    busyMicros += micros;
    const { functionName, url, lineNumber } = node.callFrame;
    // V8's own nodes: the collector, and "(program)" (native work not attributed to a function).
    const pkg = functionName === "(garbage collector)" || functionName === "(program)" ? functionName : packageOf(url);
    const file = url.split("/").pop() ?? "";
    const fn = `${functionName || "(anonymous)"} ${file ? `${pkg === "(node)" ? url : `${pkg} ${file}`}:${lineNumber + 1}` : pkg}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
  });
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({ name, ms: micros / 1000, share: busyMicros ? micros / busyMicros : 0 }));
  return { busyMs: busyMicros / 1000, functions: ranked(byFunction), packages: ranked(byPackage) };
}
