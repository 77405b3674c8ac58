import { describe, expect, it } from "vitest";
import { CATALOGS } from "../../src/report/messages.js";

/** Every key path of a catalog with the kind of value there (functions with their arity). */
function shape(value: unknown, path = ""): string[] {
  if (typeof value === "function") return [`${path}: function/${value.length}`];
  if (Array.isArray(value)) return [`${path}: array`];
  if (typeof value === "object" && value !== null) {
    return Object.keys(value)
      .sort()
      .flatMap((key) => shape((value as Record<string, unknown>)[key], path === "" ? key : `${path}.${key}`));
  }
  return [`${path}: ${typeof value}`];
}

describe("message catalog", () => {
  it("zh-CN has every key of en, nested ones included, with the same kind and arity", () => {
    expect(shape(CATALOGS["zh-CN"])).toEqual(shape(CATALOGS.en));
  });

  it("zh-CN strings are Chinese where en has words (no English left untranslated in chart titles)", () => {
    for (const [name, text] of Object.entries(CATALOGS["zh-CN"].charts)) {
      expect(text.title, name).toMatch(/[\u4e00-\u9fff]/);
      expect(text.answers, name).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const [kpi, text] of Object.entries(CATALOGS["zh-CN"].kpis)) {
      if (kpi !== "gmv") expect(text, kpi).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("counts of pairs and relationships are not called people; launches include the run-up; the forest axis says relative", () => {
    const { en } = CATALOGS;
    const zh = CATALOGS["zh-CN"];
    // newCustomers counts (buyer, merchant) pairs and followersEnd follow relationships: both exceed the platform's users.
    expect([en.kpis["newCustomers"], en.kpis["followersEnd"]]).toEqual(["New buyer–merchant pairs", "Follow relationships at the end"]);
    expect(zh.kpis["newCustomers"]).toMatch(/买家–商家配对/);
    expect(zh.kpis["followersEnd"]).toMatch(/关注关系/);
    expect([en.followers("M"), zh.followers("亿")]).toEqual(["Follow relationships (M)", "关注关系数（亿）"]);
    // launchedGmvShare counts launches from festival day −7 on.
    expect(en.shareKinds["launchedGmvShare"]).toBe("Launched during the run (run-up included)");
    expect(zh.shareKinds["launchedGmvShare"]).toMatch(/含预热期/);
    expect(en.relativeDifference).toMatch(/^Relative difference/);
    expect(zh.relativeDifference).toMatch(/相对差异/);
  });

  it("every chart the report can draw has a title and a 'what this answers' line in each language", async () => {
    const { CHART_NAMES } = await import("../../src/report/plan.js");
    for (const catalog of Object.values(CATALOGS)) {
      for (const name of CHART_NAMES) {
        expect(catalog.charts[name]?.title, `${catalog.language} ${name}`).toBeTruthy();
        expect(catalog.charts[name]?.answers, `${catalog.language} ${name}`).toBeTruthy();
      }
    }
  });
});
