import { describe, expect, it } from "vitest";
import { isLocale, localeFromAcceptLanguage } from "./config";

describe("locale selection", () => {
  it("takes the first supported language of Accept-Language", () => {
    expect(localeFromAcceptLanguage("zh-TW,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("fr-FR,en-GB;q=0.8,zh;q=0.5")).toBe("en");
    expect(localeFromAcceptLanguage("de")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
  });

  it("accepts only the locales we ship", () => {
    expect(isLocale("zh-CN")).toBe(true);
    expect(isLocale("zh")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
