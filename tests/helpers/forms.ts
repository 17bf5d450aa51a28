/** A GOV.UK date input's three fields for `name`, as a browser posts them: 2026-03-05 → 5, 3, 2026. */
export function dateFields(name: string, iso: string) {
  const [year, month, day] = iso.split('-');
  return {
    [`${name}[day]`]: String(Number(day)),
    [`${name}[month]`]: String(Number(month)),
    [`${name}[year]`]: year!,
  };
}
