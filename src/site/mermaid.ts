/**
 * Mermaid renders label text as HTML inside `<foreignObject>`, so a
 * description like `<img src=x>` would become an element of the page. Its
 * entity codes (`#lt;`, `#gt;`) are shown as text instead; this swaps them in
 * wherever the ERD and state generators put user text: inside `"…"` and in a
 * transition label after `: `.
 */
export function escapeLabels(definition: string): string {
  const entities = (text: string) => text.replaceAll('<', '#lt;').replaceAll('>', '#gt;')
  return definition
    .split('\n')
    .map((line) => {
      const quotedOnly = line.replace(/"[^"\n]*"/g, entities)
      const colon = quotedOnly.search(/\s:\s/)
      return colon < 0 ? quotedOnly : quotedOnly.slice(0, colon) + entities(quotedOnly.slice(colon))
    })
    .join('\n')
}

/**
 * An SVG from mermaid-cli made fit to sit inline in a page next to other
 * diagrams: its fixed id `my-svg` (which its styles and markers refer to)
 * becomes `id`, and it gets its natural size so that a wide diagram scrolls
 * instead of shrinking to unreadable text.
 */
export function inlineSvg(svg: string, id: string): string {
  const renamed = svg.replace(/(id="|#)my-svg\b/g, `$1${id}`)
  return renamed.replace(/^<svg\b[^>]*>/, (open) => {
    const box = /viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/.exec(open)
    const tag = open.replace(/ width="100%"/, '').replace(/max-width:\s*[\d.]+px;?\s*/, '')
    return box ? tag.replace(/^<svg/, `<svg width="${Math.ceil(Number(box[1]))}" height="${Math.ceil(Number(box[2]))}"`) : tag
  })
}
