const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** Fills `{{key}}` placeholders; an unknown key is a broken template, so it throws rather than leave one. */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_match, key: string) => {
    const value = values[key];
    if (value === undefined)
      throw new Error(`the template names {{${key}}}, which the generator does not fill`);
    return value;
  });
}
