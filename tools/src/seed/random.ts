/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same data everywhere. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1][0];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A version-4-shaped UUID drawn from this stream. */
  uuid(): string {
    const hex = Array.from({ length: 16 }, () => this.int(0, 255).toString(16).padStart(2, "0"));
    hex[6] = `4${hex[6][1]}`;
    hex[8] = ((parseInt(hex[8], 16) & 0x3f) | 0x80).toString(16);
    const h = hex.join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  /** A new independent stream, so one subgraph's seed does not shift another's. */
  fork(label: string): Random {
    let hash = this.state ^ 0x9e3779b9;
    for (const ch of label) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
    return new Random(hash >>> 0);
  }
}
